/* variete-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-client.h"
#include "variete-library.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_APPLICATION (variete_application_get_type ())

G_DECLARE_FINAL_TYPE (VarieteApplication, variete_application, VARIETE, APPLICATION, AdwApplication)

/* How the app reaches the API. UNKNOWN while the keyring is being read at start. */
typedef enum
{
  VARIETE_CONNECTION_UNKNOWN,
  VARIETE_CONNECTION_NONE,
  VARIETE_CONNECTION_KEY,
  VARIETE_CONNECTION_DEMO,
} VarieteConnection;

VarieteApplication *variete_application_new                (void);
GSettings          *variete_application_get_settings       (VarieteApplication   *self);
VarieteConnection   variete_application_get_connection     (VarieteApplication   *self);
char               *variete_application_dup_api_url        (VarieteApplication   *self);
VarieteClient      *variete_application_create_client      (VarieteApplication   *self);
void                variete_application_set_api_key        (VarieteApplication   *self,
                                                            const char           *api_key);
gboolean            variete_application_start_demo         (VarieteApplication   *self,
                                                            GError              **error);
void                variete_application_stop_demo          (VarieteApplication   *self);
void                variete_application_verify_key_async   (VarieteApplication   *self,
                                                            const char           *api_key,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            variete_application_verify_key_finish  (VarieteApplication   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
VarieteLibrary     *variete_application_get_library        (VarieteApplication   *self);
char               *variete_application_dup_output_dir     (VarieteApplication   *self);
void                variete_application_show_preferences   (VarieteApplication   *self,
                                                            const char           *page);

G_END_DECLS
