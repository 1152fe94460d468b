/* test-crash-resume.c
 *
 * Nothing is lost: the real `variete` process starts a job, is killed (SIGKILL) while it polls,
 * and the next start resumes the job from its journal and saves each result exactly once —
 * with a single create on the server, so no credits are spent twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "variete-fake-server.h"

static char *tmp_dir;
static char *data_dir;
static char *output_dir;
static char *jobs_dir;

static guint
count_files (const char *dir,
             const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;

  return n;
}

/* Iterates the main context (the fake server answers on it) until @predicate holds or
 * @seconds pass. */
static gboolean
wait_for (gboolean (*predicate) (gpointer),
          gpointer   data,
          guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  return TRUE;
}

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
  return count_files (jobs_dir, ".json") == 1;
}

static gboolean
results_saved (gpointer data)
{
  return count_files (output_dir, ".png") == 2 && count_files (output_dir, ".json") == 1;
}

static gboolean
app_gone_from_bus (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = TRUE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return !owned;
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
  g_assert_true (wait_for (app_gone_from_bus, NULL, 10));
}

static void
test_crash_resume_saves_once (void)
{
  g_autoptr(VarieteFakeServer) server = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_path = g_build_filename (tmp_dir, "sketch.png", NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("Needs a display (run under xvfb-run)");
      return;
    }

  server = variete_fake_server_new (&error);
  g_assert_no_error (error);
  /* Enough polls that the app is surely killed before the artwork is done. */
  variete_fake_server_set_polls_until_done (server, 3);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 80);
  gdk_pixbuf_fill (pixbuf, 0xc061cbff);
  gdk_pixbuf_save (pixbuf, source_path, "png", &error, NULL);
  g_assert_no_error (error);

  /* First run: generate, and kill the process once the job is journalled. */
  first = start_app (server, source_path);
  g_assert_true (wait_for (create_sent, server, 30));
  g_assert_true (wait_for (journal_written, NULL, 10));
  stop_app (first, TRUE);

  g_assert_cmpuint (count_files (output_dir, ".png"), ==, 0);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (server), ==, 1);

  /* Second run, no source, no action: the job resumes by itself and saves its results. */
  second = start_app (server, NULL);
  g_assert_true (wait_for (results_saved, NULL, 60));

  /* Let it run a little longer: nothing more may be written or sent. */
  g_usleep (G_USEC_PER_SEC);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  stop_app (second, FALSE);

  g_assert_cmpuint (count_files (output_dir, ".png"), ==, 2);
  g_assert_cmpuint (count_files (output_dir, ".json"), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_requests (server, "POST", "/v2/artworks"), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("variete-crash-XXXXXX", NULL);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  output_dir = g_build_filename (tmp_dir, "out", NULL);
  jobs_dir = g_build_filename (data_dir, "variete", "jobs", NULL);

  g_test_add_func ("/crash-resume/saves-once", test_crash_resume_saves_once);

  return g_test_run ();
}
