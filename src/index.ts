import { createApp } from "./app.js";
import { productionDeps } from "./deps.js";

/** Entry point for `probot run ./lib/index.js`. */
export default createApp(productionDeps());
