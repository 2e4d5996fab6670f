import { runAction } from "../../kit/action.js";
import { buildStatic } from "./main.js";

await runAction(buildStatic);
