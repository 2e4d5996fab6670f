import { runAction } from "../../kit/action.js";
import { setupGoCross } from "./main.js";

await runAction(setupGoCross);
