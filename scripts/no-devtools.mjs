/** Stands in for react-devtools-core in the bundle: Ink asks for it only when DEV=true. */
export default {initialize() {}, connectToDevTools() {}};
