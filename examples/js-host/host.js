// The host's script, as a file: a host that serves a strict Content-Security-Policy (no
// 'unsafe-inline') keeps its scripts in files, and allows 'wasm-unsafe-eval' for the page's wasm.
// The page's bundle for JavaScript hosts (`wayai-mount.js`, which Trunk builds, and the words
// files beside it; scripts/test.sh puts them in ./pkg).
import init, { mount, preload } from "./pkg/wayai-mount.js";
const params = new URLSearchParams(location.search);
const events = document.getElementById("events");
const options = {
  apiBaseUrl: params.get("api") ?? "",
  hubId: params.get("hub") ?? "5a1e0000-0000-4000-8000-00000000b001",
  // Asked before every request, and with refresh = true after a 401.
  token: (refresh) => Promise.resolve("dev-token"),
  onEvent: (event) => {
    const item = document.createElement("li");
    item.textContent = event.type + (event.connection ? ": " + event.connection.name : "");
    events.append(item);
  },
};
// A warm start: a host calls this as soon as it knows the page is coming (here, at once).
await init();
preload(options);
const handle = mount(document.getElementById("connections"), options);
document.getElementById("unmount").addEventListener("click", () => handle.unmount());
