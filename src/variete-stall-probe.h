/* variete-stall-probe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Off by default; see variete-stall-probe.c for the environment variables that turn it on.
 * Call once, before g_application_run(). */
void variete_stall_probe_install (GApplication *application);

G_END_DECLS
