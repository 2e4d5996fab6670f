import { runAction } from "../../kit/action.js";
import { canaryGate } from "./main.js";

await runAction(canaryGate);
