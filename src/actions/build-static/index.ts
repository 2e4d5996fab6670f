import { runAction } from "../../core/action.js";
import { buildStatic } from "./main.js";

await runAction(buildStatic);
