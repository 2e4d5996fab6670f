import { runAction } from "../../kit/action.js";
import { deploySystemd } from "./main.js";

await runAction(deploySystemd);
