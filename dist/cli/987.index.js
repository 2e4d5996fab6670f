export const id = 987;
export const ids = [987];
export const modules = {

/***/ 75368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseCommandFile: () => (/* binding */ parseCommandFile)
/* harmony export */ });
/**
 * Reads the files the runner gives actions for outputs, env, path and state
 * ($GITHUB_OUTPUT …): "name=value" lines, or "name<<DELIM" … "DELIM" blocks for
 * multi-line values, as @actions/core writes them.
 */
function parseCommandFile(text) {
    const out = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line === "")
            continue;
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc) {
            const [, name, delim] = heredoc;
            const value = [];
            for (i++; i < lines.length && lines[i] !== delim; i++)
                value.push(lines[i]);
            out.push([name, value.join("\n")]);
            continue;
        }
        const eq = line.indexOf("=");
        if (eq > 0)
            out.push([line.slice(0, eq), line.slice(eq + 1)]);
    }
    return out;
}


/***/ })

};
