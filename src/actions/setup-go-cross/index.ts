import { runAction } from "../../core/action.js";
import { setupGoCross } from "./main.js";

await runAction(setupGoCross);
