import { createApp } from "./app.js";
import { productionDeps } from "./deps.js";
import { withHealthRoute } from "./server/health.js";

/** Entry point for `probot run ./lib/index.js`: the app, and `GET /healthz` beside Probot's own routes. */
export default withHealthRoute(createApp(productionDeps()));
