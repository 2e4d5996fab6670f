export const id = 276;
export const ids = [276];
export const modules = {

/***/ 54276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   onCleanup: () => (/* binding */ onCleanup),
/* harmony export */   runCleanups: () => (/* binding */ runCleanups)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);

const pending = [];
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
let running;
let signalled = false;
/** Registers `fn`; the function returned unregisters it (for what was taken away already). */
function onCleanup(fn) {
    pending.push(fn);
    listen();
    return () => {
        const at = pending.lastIndexOf(fn);
        if (at >= 0)
            pending.splice(at, 1);
        if (pending.length === 0 && !running)
            unlisten();
    };
}
/** Runs every registered cleanup now (newest first) and waits for them; a call during a run joins it. */
function runCleanups() {
    running ??= drain().finally(() => {
        running = undefined;
    });
    return running;
}
async function drain() {
    for (let fn = pending.pop(); fn; fn = pending.pop()) {
        try {
            await fn();
        }
        catch (e) {
            process.stderr.write(`goship: cleaning up failed: ${e instanceof Error ? e.message : String(e)}\n`);
        }
    }
    unlisten();
}
function onSignal(signal) {
    const status = 128 + (node_os__WEBPACK_IMPORTED_MODULE_0__.constants.signals[signal] ?? 0);
    if (signalled)
        process.exit(status);
    signalled = true;
    void runCleanups().finally(() => process.exit(status));
}
function onBeforeExit() {
    if (pending.length > 0)
        void runCleanups();
}
/** process.exit() from elsewhere: no await is possible any more; what each does synchronously still happens. */
function onExit() {
    for (let fn = pending.pop(); fn; fn = pending.pop()) {
        try {
            void Promise.resolve(fn()).catch(() => { });
        }
        catch {
            // the others still run
        }
    }
}
let listening = false;
function listen() {
    if (listening)
        return;
    listening = true;
    for (const s of SIGNALS)
        process.on(s, onSignal);
    process.on("beforeExit", onBeforeExit);
    process.on("exit", onExit);
}
function unlisten() {
    if (!listening || signalled)
        return;
    listening = false;
    for (const s of SIGNALS)
        process.off(s, onSignal);
    process.off("beforeExit", onBeforeExit);
    process.off("exit", onExit);
}


/***/ })

};
