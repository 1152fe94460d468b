/* test-secrecy.c
 *
 * The API key lives only in the keyring (or VARIETE_API_KEY). Run a whole job with every debug
 * message on, then search the logs, the settings, the job journal and the results' sidecars for
 * the key: it must be nowhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-application.h"
#include "variete-fake-server.h"
#include "variete-test-gtk.h"
#include "variete-test-notifications.h"
#include "variete-test-utils.h"
#include "variete-window.h"

#define WAIT_TIMEOUT_SECONDS 30

static GString *captured_log;
static char *data_dir;
static char *output_dir;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  /* Every field, not just the message: a key in a custom field is a leak too. */
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append_printf (captured_log, "%s=%s ", fields[i].key, (const char *) fields[i].value);
      else
        {
          g_string_append_printf (captured_log, "%s=", fields[i].key);
          g_string_append_len (captured_log, fields[i].value, fields[i].length);
          g_string_append_c (captured_log, ' ');
        }
    }
  g_string_append_c (captured_log, '\n');

  return G_LOG_WRITER_HANDLED;
}

static gboolean
source_ready (gpointer data)
{
  return variete_request_get_source_url (variete_window_get_request (data)) != NULL;
}

static gboolean
results_saved (gpointer data)
{
  return variete_test_count_files (output_dir, ".png") == 2 &&
         variete_test_count_files (output_dir, ".json") == 1;
}

/* Reads every file below @path and fails if one holds @needle; returns how many were read. */
static guint
assert_tree_lacks (const char *path,
                   const char *needle)
{
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          n += assert_tree_lacks (child, needle);
        }
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (g_strstr_len (contents, length, needle) != NULL)
        g_error ("The API key was written to %s", path);
      n++;
    }

  return n;
}

static void
test_secrecy_key_never_written (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteFakeServer) server = NULL;
  g_autoptr(VarieteApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *source_path = NULL;
  g_autoptr(GFile) source = NULL;
  VarieteWindow *window;
  const char *key = VARIETE_FAKE_SERVER_KEY;

  server = variete_test_fake_server_new ();
  g_setenv ("VARIETE_API_URL", variete_fake_server_get_base_url (server), TRUE);
  g_setenv ("VARIETE_API_KEY", key, TRUE);

  app = variete_application_new ();
  variete_test_app_start (G_APPLICATION (app));
  g_application_activate (G_APPLICATION (app));
  window = VARIETE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);

  /* A source image, a job, two results saved. */
  source_path = g_build_filename (data_dir, "source.png", NULL);
  variete_test_write_png (source_path, 96, 64, 0x3584e4ff);
  source = g_file_new_for_path (source_path);
  variete_window_open_source (window, source);
  variete_test_spin_until (source_ready, window, WAIT_TIMEOUT_SECONDS);

  g_action_group_activate_action (G_ACTION_GROUP (window), "generate", NULL);
  variete_test_spin_until (results_saved, NULL, WAIT_TIMEOUT_SECONDS);

  /* The key did travel, to the API only. */
  g_assert_cmpuint (variete_fake_server_get_n_requests_with_key (server, "POST", "/v2/artworks"), ==, 1);

  /* Logging was on and caught the exchange… */
  g_assert_nonnull (strstr (captured_log->str, "/v2/artworks"));
  /* …without the key. */
  g_assert_null (strstr (captured_log->str, key));

  /* Settings: every key of the schema. */
  settings = g_settings_new (APP_ID);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, key));
    }

  /* The journal, the sidecar, the results: every file the app wrote. */
  g_assert_cmpuint (assert_tree_lacks (data_dir, key), >=, 2);
  g_assert_cmpuint (assert_tree_lacks (output_dir, key), ==, 3);

  variete_test_app_stop (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  /* Before GLib reads any of these. */
  tmp = variete_test_make_tmp_dir ("variete-secrecy-XXXXXX");
  data_dir = g_build_filename (tmp, "data", NULL);
  output_dir = g_build_filename (tmp, "out", NULL);
  g_mkdir_with_parents (data_dir, 0700);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("VARIETE_OUTPUT_DIR", output_dir, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  gtk_test_init (&argc, &argv, NULL);
  /* A job that ends while the window is not focused sends a notification: give it a server. */
  variete_test_notifications_start ();
  adw_init ();

  g_test_add_func ("/secrecy/key-never-written", test_secrecy_key_never_written);

  return g_test_run ();
}
