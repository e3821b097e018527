export const id = 957;
export const ids = [957];
export const modules = {

/***/ 62957:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   plainInputs: () => (/* binding */ plainInputs)
/* harmony export */ });
/**
 * What the config file says about each service, as action-input strings (`interval: "15s"`,
 * `latency-slo: "p95<500ms"`), each remembering where it was written so a problem found later
 * (by the same parseInputs that validates the action inputs) still points at the file's line.
 */
/** The values alone: what parseInputs takes. */
function plainInputs(settings) {
    return Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.value]));
}


/***/ })

};
