#!/usr/bin/env python3
# The Flatpak asks for network, IPC, a display and the GPU, and nothing else: files come through
# portals, the key through the Secret portal. Every module we add is pinned.
import json
import sys

ALLOWED = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}

with open(sys.argv[1]) as f:
    manifest = json.load(f)

errors = []
finish_args = manifest.get("finish-args", [])
if set(finish_args) != ALLOWED or len(finish_args) != len(ALLOWED):
    errors.append(f"finish-args must be exactly {sorted(ALLOWED)}, not {finish_args}")
if any(arg.startswith("--filesystem") for arg in finish_args):
    errors.append("no --filesystem: files come through portals")
if manifest.get("id") != "io.github.variete.Variete":
    errors.append("the app id is io.github.variete.Variete")

for module in manifest.get("modules", []):
    if isinstance(module, str):
        continue
    for source in module.get("sources", []):
        kind = source.get("type")
        if kind in ("archive", "file") and "sha256" not in source:
            errors.append(f"{module['name']}: {kind} source without sha256")
        if kind == "git" and len(source.get("commit", "")) != 40:
            errors.append(f"{module['name']}: git source not pinned to a commit")

for error in errors:
    print(error, file=sys.stderr)
sys.exit(1 if errors else 0)
