import { runAction } from "../../core/action.js";
import { deploySystemd } from "./main.js";

await runAction(deploySystemd);
