/* test-a11y.c
 *
 * Every interactive widget has an accessible name: the main window with a source loaded and
 * with a finished job (against the in-process fake API), the onboarding page and the
 * preferences. The names are read the way a screen reader reads them, over AT-SPI, by
 * a11y-check.py, while this process spins its main loop to answer; GTK 4.8 has no public way to
 * read the name it computes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "variete-application.h"
#include "variete-compare-window.h"
#include "variete-fake-server.h"
#include "variete-history-window.h"
#include "variete-job.h"
#include "variete-preferences-window.h"
#include "variete-result-tile.h"
#include "variete-test-notifications.h"
#include "variete-test-gtk.h"
#include "variete-test-utils.h"
#include "variete-window-private.h"

#define PYTHON "/usr/bin/python3"
#define WAIT_TIMEOUT_SECONDS 30

static VarieteApplication *app;
static VarieteFakeServer *server;
static char *tmp_dir;
static const char *skip_reason;

/* Helpers: the app */

static VarieteWindow *
get_window (void)
{
  return VARIETE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
page_is (gpointer name)
{
  VarieteWindow *window = get_window ();

  return window != NULL && g_strcmp0 (variete_window_get_page_name (window), name) == 0;
}

static gboolean
source_loaded (gpointer data)
{
  VarieteWindow *window = get_window ();

  return variete_source_view_get_source_url (window->source_view) != NULL &&
         !variete_source_view_get_loading (window->source_view);
}

static gboolean
job_finished (gpointer data)
{
  VarieteWindow *window = get_window ();

  return window->job != NULL &&
         variete_job_state_is_final (variete_job_get_state (VARIETE_JOB (window->job)));
}

static GtkWidget *
find_result_tile (GtkWidget *widget)
{
  g_autoptr(GPtrArray) tiles = variete_test_find_all (widget, VARIETE_TYPE_RESULT_TILE);

  for (guint i = 0; i < tiles->len; i++)
    {
      GtkWidget *tile = g_ptr_array_index (tiles, i);

      if (variete_result_tile_get_is_result (VARIETE_RESULT_TILE (tile)) &&
          gtk_widget_get_visible (tile))
        return tile;
    }

  return NULL;
}

/* A sketch-like source: dark strokes on white, as PNG. */
static char *
write_source_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, "sketch.png", NULL);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  /* A house: the walls and the roof's two slopes. */
  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  for (int y = 0; y < 240; y++)
    for (int x = 0; x < 320; x++)
      {
        gboolean wall = y >= 110 && y < 220 && (ABS (x - 90) < 2 || ABS (x - 230) < 2);
        gboolean floor = x >= 90 && x <= 230 && (ABS (y - 110) < 2 || ABS (y - 218) < 2);
        gboolean roof = y >= 30 && y < 110 && ABS (ABS (x - 160) - (int) ((y - 30) * 1.1)) < 2;

        if (wall || floor || roof)
          memset (pixels + y * stride + x * 3, 0x20, 3);
      }

  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  return path;
}

/* Helpers: the AT-SPI walk */

static void
check_finished_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Runs a11y-check.py on the window titled @title; NULL-terminated names that interactive widgets
 * must have follow, to prove the walk saw the part under test. */
static void
assert_all_named (const char *title,
                  ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "a11y-check.py", NULL);
  const char *name;
  gboolean done = FALSE;
  va_list args;

  g_strv_builder_add_many (builder, PYTHON, script, pid, title, NULL);
  va_start (args, title);
  while ((name = va_arg (args, const char *)) != NULL)
    g_strv_builder_add_many (builder, "--require", name, NULL);
  va_end (args);
  argv = g_strv_builder_end (builder);

  /* The bridge updates the tree from the main loop: let it settle before reading. */
  variete_test_spin_for (300);

  check = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                             &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (check, NULL, check_finished_cb, &done);
  variete_test_spin_until (variete_test_flag_is_set, &done, WAIT_TIMEOUT_SECONDS);

  if (!g_subprocess_get_if_exited (check) || g_subprocess_get_exit_status (check) != 0)
    g_test_fail_printf ("Interactive widgets without an accessible name in '%s', or the tree "
                        "could not be read: see a11y-check.py above", title);
}

/* Tests */

static void
test_a11y_main_window (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  path = write_source_image ();
  file = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  variete_test_spin_until (page_is, (gpointer) "main", WAIT_TIMEOUT_SECONDS);
  variete_test_spin_until (source_loaded, NULL, WAIT_TIMEOUT_SECONDS);

  assert_all_named ("Variete", "Open Image", "Main Menu", "Open Another Image", "Prompt",
                    "Creativity", NULL);
}

static void
test_a11y_finished_job (void)
{
  VarieteWindow *window;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  window = get_window ();
  g_assert_nonnull (window);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "generate"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "generate", NULL);
  g_assert_nonnull (window->job);
  variete_job_set_time_scale (VARIETE_JOB (window->job), 0.01);
  variete_test_spin_until (job_finished, NULL, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpint (variete_job_get_state (VARIETE_JOB (window->job)), ==,
                   VARIETE_JOB_STATE_SUCCEEDED);
  /* The tiles download and show their images after the job is done. */
  variete_test_spin_for (500);

  assert_all_named ("Variete", "Result 1", NULL);
}

/* Opening a result shows it over its source. */
static void
test_a11y_compare (void)
{
  GtkWidget *tile;
  GtkWindow *compare;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  tile = find_result_tile (GTK_WIDGET (get_window ()));
  g_assert_nonnull (tile);
  g_signal_emit_by_name (tile, "activate");
  compare = variete_test_wait_for_toplevel (VARIETE_TYPE_COMPARE_WINDOW, WAIT_TIMEOUT_SECONDS);
  /* Let it decode the full image: closing it midway is another test's business. */
  variete_test_spin_for (1000);

  assert_all_named (gtk_window_get_title (compare), NULL);

  gtk_window_destroy (compare);
}

static void
test_a11y_history (void)
{
  GtkWindow *history;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  g_action_group_activate_action (G_ACTION_GROUP (get_window ()), "history", NULL);
  history = variete_test_wait_for_toplevel (VARIETE_TYPE_HISTORY_WINDOW, WAIT_TIMEOUT_SECONDS);
  /* The list fills in from the library. */
  variete_test_spin_for (500);

  assert_all_named (gtk_window_get_title (history), NULL);

  gtk_window_destroy (history);
}

static void
test_a11y_onboarding (void)
{
  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  g_assert_nonnull (get_window ());
  variete_application_set_api_key (app, NULL);
  variete_test_spin_until (page_is, (gpointer) "onboarding", WAIT_TIMEOUT_SECONDS);

  assert_all_named ("Variete", "API Key", "Connect", "Try the Offline Demo", NULL);

  variete_application_set_api_key (app, VARIETE_FAKE_SERVER_KEY);
  variete_test_spin_until (page_is, (gpointer) "main", WAIT_TIMEOUT_SECONDS);
}

static void
test_a11y_preferences (void)
{
  GtkWindow *preferences;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = variete_test_wait_for_toplevel (VARIETE_TYPE_PREFERENCES_WINDOW,
                                                WAIT_TIMEOUT_SECONDS);

  assert_all_named (gtk_window_get_title (preferences), "Output Folder", "Use the Default Folder",
                    "New API Key", "API URL", NULL);

  gtk_window_destroy (preferences);
}

/* Setup: the accessibility bus, python3-pyatspi and the fake API */

static const char *
check_environment (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { PYTHON, "-c", "import pyatspi", NULL };

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    return "No session bus (run under dbus-run-session)";

  reply = g_dbus_connection_call_sync (bus, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  if (reply == NULL)
    return "No accessibility bus (at-spi2-core is not installed)";

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return PYTHON " cannot import pyatspi (install python3-pyatspi)";

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *data_dir = NULL;
  int ret;

  /* This test needs what the others turn off: GTK's AT-SPI bridge. */
  g_unsetenv ("GTK_A11Y");
  g_unsetenv ("NO_AT_BRIDGE");

  skip_reason = check_environment ();
  if (skip_reason != NULL)
    g_setenv ("GTK_A11Y", "none", TRUE);

  tmp_dir = variete_test_make_tmp_dir ("variete-a11y-XXXXXX");
  output_dir = g_build_filename (tmp_dir, "results", NULL);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  /* A journal of its own, set before anything reads it: the history shows this test's job. */
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* A job that ends while the window is not focused sends a notification: give it a server. */
  variete_test_notifications_start ();
  adw_init ();

  server = variete_fake_server_new (&error);
  g_assert_no_error (error);
  variete_fake_server_set_polls_until_done (server, 1);
  g_setenv ("VARIETE_API_URL", variete_fake_server_get_base_url (server), TRUE);
  g_setenv ("VARIETE_API_KEY", VARIETE_FAKE_SERVER_KEY, TRUE);
  g_setenv ("VARIETE_OUTPUT_DIR", output_dir, TRUE);

  app = variete_application_new ();
  variete_test_app_start (G_APPLICATION (app));

  /* In this order: each builds on the state the one before left. */
  g_test_add_func ("/a11y/main-window", test_a11y_main_window);
  g_test_add_func ("/a11y/finished-job", test_a11y_finished_job);
  g_test_add_func ("/a11y/compare", test_a11y_compare);
  g_test_add_func ("/a11y/history", test_a11y_history);
  g_test_add_func ("/a11y/onboarding", test_a11y_onboarding);
  g_test_add_func ("/a11y/preferences", test_a11y_preferences);

  ret = g_test_run ();

  variete_test_app_stop (G_APPLICATION (app));
  g_object_unref (app);
  g_object_unref (server);

  variete_test_rm_rf (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
