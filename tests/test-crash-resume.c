/* test-crash-resume.c
 *
 * Nothing is lost: the real `variete` process starts a job, is killed (SIGKILL) while it polls,
 * and the next start resumes the job from its journal and saves each result exactly once —
 * with a single create on the server, so no credits are spent twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "variete-fake-server.h"
#include "variete-test-notifications.h"
#include "variete-test-utils.h"

static char *tmp_dir;
static char *data_dir;
static char *output_dir;
static char *jobs_dir;

static GSubprocess *
start_app (VarieteFakeServer *server,
           const char        *source_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *app;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "VARIETE_OUTPUT_DIR", output_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "VARIETE_API_URL",
                                variete_fake_server_get_base_url (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "VARIETE_API_KEY", VARIETE_FAKE_SERVER_KEY, TRUE);

  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("VARIETE_BINARY"),
                                     source_path, NULL);
  g_assert_no_error (error);

  return app;
}

static gboolean
create_sent (gpointer data)
{
  VarieteFakeServer *server = data;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  if (variete_fake_server_get_n_requests (server, "POST", "/v2/artworks") > 0)
    return TRUE;

  /* The app takes a moment to start and to pre-flight the source; Generate stays disabled (and
   * its activation ignored) until then, so keep asking, as a script would. */
  reply = g_dbus_connection_call_sync (bus, APP_ID, "/io/github/variete/Variete/window/1",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "generate", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, NULL);
  g_usleep (200 * 1000);

  return FALSE;
}

static gboolean
journal_written (gpointer data)
{
  return variete_test_count_files (jobs_dir, ".json") == 1;
}

static gboolean
results_saved (gpointer data)
{
  return variete_test_count_files (output_dir, ".png") == 2 &&
         variete_test_count_files (output_dir, ".json") == 1;
}

static gboolean
app_gone_from_bus (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  gboolean owned = variete_test_name_has_owner (bus, APP_ID, &error);

  /* A bus that does not answer is no proof that the app has gone. */
  return !owned && error == NULL;
}

static void
stop_app (GSubprocess *app,
          gboolean     kill)
{
  if (kill)
    g_subprocess_send_signal (app, SIGKILL);
  else
    g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  g_assert_true (variete_test_poll_until (app_gone_from_bus, NULL, 10));
}

static void
test_crash_resume_saves_once (void)
{
  g_autoptr(VarieteFakeServer) server = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *source_path = g_build_filename (tmp_dir, "sketch.png", NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("Needs a display (run under xvfb-run)");
      return;
    }

  server = variete_test_fake_server_new ();
  /* Enough polls that the app is surely killed before the artwork is done. */
  variete_fake_server_set_polls_until_done (server, 3);

  variete_test_write_png (source_path, 120, 80, 0xc061cbff);

  /* First run: generate, and kill the process once the job is journalled. */
  first = start_app (server, source_path);
  g_assert_true (variete_test_poll_until (create_sent, server, 60));
  g_assert_true (variete_test_poll_until (journal_written, NULL, 10));
  stop_app (first, TRUE);

  g_assert_cmpuint (variete_test_count_files (output_dir, ".png"), ==, 0);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (server), ==, 1);

  /* Second run, no source, no action: the job resumes by itself and saves its results. */
  second = start_app (server, NULL);
  g_assert_true (variete_test_poll_until (results_saved, NULL, 150));

  /* Let it run a little longer: nothing more may be written or sent. */
  g_usleep (G_USEC_PER_SEC);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  stop_app (second, FALSE);

  g_assert_cmpuint (variete_test_count_files (output_dir, ".png"), ==, 2);
  g_assert_cmpuint (variete_test_count_files (output_dir, ".json"), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_requests (server, "POST", "/v2/artworks"), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A job that ends while the window is not focused sends a notification: give it a server. */
  variete_test_notifications_start ();

  tmp_dir = variete_test_make_tmp_dir ("variete-crash-XXXXXX");
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  output_dir = g_build_filename (tmp_dir, "out", NULL);
  jobs_dir = g_build_filename (data_dir, "variete", "jobs", NULL);

  g_test_add_func ("/crash-resume/saves-once", test_crash_resume_saves_once);

  return g_test_run ();
}
