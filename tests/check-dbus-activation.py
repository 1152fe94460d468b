#!/usr/bin/env python3
# check-dbus-activation.py DESKTOP_FILE SERVICE_FILE BUILD_ROOT
# The desktop file says DBusActivatable=true, so the session bus must be able to start the app
# by its id: the D-Bus service file names the app id, runs the installed binary as a
# GApplication service, and is installed where the bus looks (share/dbus-1/services).
import configparser
import json
import os
import sys

desktop_path, service_path, build_root = sys.argv[1:4]
app_id = "io.github.variete.Variete"
errors = []

desktop = configparser.ConfigParser(interpolation=None, strict=False)
desktop.optionxform = str
desktop.read(desktop_path, encoding="utf-8")
entry = desktop["Desktop Entry"]
if entry.get("DBusActivatable") != "true":
    errors.append("the desktop file must say DBusActivatable=true")
if entry.get("X-GNOME-SingleWindow") != "true" and entry.get("SingleMainWindow") != "true":
    errors.append("the desktop file must say it has a single main window")
if os.path.basename(desktop_path) != app_id + ".desktop":
    errors.append("a D-Bus activatable desktop file is named after the app id")
mime = set(filter(None, entry.get("MimeType", "").split(";")))
for wanted in ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp",
               "image/tiff", "image/svg+xml", "image/heif", "image/avif"):
    if wanted not in mime:
        errors.append(f"MimeType misses {wanted}")

service = configparser.ConfigParser(interpolation=None)
service.optionxform = str
service.read(service_path, encoding="utf-8")
section = service["D-BUS Service"]
if section.get("Name") != app_id:
    errors.append(f"the service's Name must be {app_id}, not {section.get('Name')}")
exec_line = section.get("Exec", "").split()
if len(exec_line) != 2 or not exec_line[0].endswith("/variete") or \
        not os.path.isabs(exec_line[0]) or exec_line[1] != "--gapplication-service":
    errors.append(f"the service must run the installed variete --gapplication-service, "
                  f"not {section.get('Exec')}")

with open(os.path.join(build_root, "meson-info", "intro-installed.json")) as f:
    installed = json.load(f)
targets = [dest for src, dest in installed.items()
           if os.path.basename(src) == app_id + ".service"]
if not any(dest.endswith(f"/share/dbus-1/services/{app_id}.service") for dest in targets):
    errors.append(f"the service file is not installed to share/dbus-1/services: {targets}")

for error in errors:
    print(error, file=sys.stderr)
sys.exit(1 if errors else 0)
