// `npm start`: installs dependencies, builds the admin app and starts the API on the embedded database.
import { pnpmOrExit } from "./pnpm.mjs";

pnpmOrExit(["install", "--frozen-lockfile"]);
pnpmOrExit(["--filter", "@tenancy/db", "db:generate"]);
pnpmOrExit(["--filter", "@tenancy/admin", "build"]);
pnpmOrExit(["--filter", "@tenancy/api", "start"]);
