// Fedify 2.x targets Node 22+. On Node 20 two globals are missing:
// - `navigator`: Fedify reads `navigator?.userAgent` (a bare identifier, so an
//   undeclared global throws ReferenceError despite the optional chaining).
// - `Temporal`: Fedify imports @js-temporal/polyfill itself, but we expose the
//   same copy globally so any code path using the global sees one implementation.
import { Temporal } from "@js-temporal/polyfill";

if (!("navigator" in globalThis)) {
  Object.defineProperty(globalThis, "navigator", {
    value: { userAgent: `Node.js/${process.versions.node}` },
    configurable: true,
  });
}
if (!("Temporal" in globalThis)) {
  globalThis.Temporal = Temporal;
}
