/* variete-secret.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      variete_secret_lookup_async  (GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char     *variete_secret_lookup_finish (GAsyncResult         *result,
                                        GError              **error);
void      variete_secret_store_async   (const char           *api_key,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  variete_secret_store_finish  (GAsyncResult         *result,
                                        GError              **error);
void      variete_secret_clear_async   (GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  variete_secret_clear_finish  (GAsyncResult         *result,
                                        GError              **error);
const char *variete_secret_get_env_key (void);

G_END_DECLS
