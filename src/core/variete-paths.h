/* variete-paths.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VARIETE_DEFAULT_API_URL "https://api.tengr.ai"

char  *variete_paths_dup_output_dir (const char *configured);
char  *variete_paths_dup_jobs_dir   (void);
char  *variete_paths_dup_api_url    (const char *configured);

G_END_DECLS
