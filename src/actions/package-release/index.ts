import { runAction } from "../../kit/action.js";
import { packageRelease } from "./main.js";

await runAction(packageRelease);
