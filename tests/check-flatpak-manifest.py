#!/usr/bin/env python3
# The Flatpak asks for network, IPC, a display, the GPU and its own folder in Pictures, and
# nothing else: the results' default home is Pictures/Variete (kept outside the sandbox, seen in
# Files, surviving restarts); any other file comes through portals, the key through the Secret
# portal. It targets a supported GNOME runtime, whose GdkPixbuf decodes through glycin (WebP
# built in), so no pixbuf loader is bundled. Every module we add is pinned.
import json
import sys

ALLOWED = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--filesystem=xdg-pictures/Variete:create",
}
# The current stable GNOME runtime and the one before it, which is still supported.
SUPPORTED_RUNTIMES = {"50", "51"}

with open(sys.argv[1]) as f:
    manifest = json.load(f)

errors = []
finish_args = manifest.get("finish-args", [])
if set(finish_args) != ALLOWED or len(finish_args) != len(ALLOWED):
    errors.append(f"finish-args must be exactly {sorted(ALLOWED)}, not {finish_args}")
filesystems = [arg for arg in finish_args if arg.startswith("--filesystem")]
if filesystems != ["--filesystem=xdg-pictures/Variete:create"]:
    errors.append(f"the only file access is xdg-pictures/Variete:create, not {filesystems}")
if manifest.get("id") != "io.github.variete.Variete":
    errors.append("the app id is io.github.variete.Variete")
for key in ("runtime", "sdk"):
    expected = "org.gnome.Platform" if key == "runtime" else "org.gnome.Sdk"
    if manifest.get(key) != expected:
        errors.append(f"{key} must be {expected}")
if str(manifest.get("runtime-version")) not in SUPPORTED_RUNTIMES:
    errors.append(f"runtime-version must be one of {sorted(SUPPORTED_RUNTIMES)}, "
                  f"not {manifest.get('runtime-version')}")

for module in manifest.get("modules", []):
    if isinstance(module, str):
        continue
    if "pixbuf" in module.get("name", ""):
        errors.append(f"{module['name']}: the runtime's GdkPixbuf (glycin) decodes WebP itself")
    for source in module.get("sources", []):
        kind = source.get("type")
        if kind in ("archive", "file") and "sha256" not in source:
            errors.append(f"{module['name']}: {kind} source without sha256")
        if kind == "git" and len(source.get("commit", "")) != 40:
            errors.append(f"{module['name']}: git source not pinned to a commit")
    if "GDK_PIXBUF_MODULE_FILE" in json.dumps(module):
        errors.append(f"{module['name']}: no loader cache of our own")

for error in errors:
    print(error, file=sys.stderr)
sys.exit(1 if errors else 0)
