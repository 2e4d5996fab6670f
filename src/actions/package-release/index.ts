import { runAction } from "../../core/action.js";
import { packageRelease } from "./main.js";

await runAction(packageRelease);
