/* variete-test-keyring.c
 *
 * A real Secret Service for the tests: a gnome-keyring-daemon started on the private session bus
 * (the suite runs under dbus-run-session) with a fresh keyring in the test's own data dir,
 * unlocked with a password of the test's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "variete-test-keyring.h"
#include "variete-test-utils.h"

static GSubprocess *keyring_daemon;

static void
stop_bus_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gint64 deadline;
  guint32 pid = 0;

  if (!variete_test_name_has_owner (bus, name, NULL))
    return;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply == NULL)
    return;

  g_variant_get (reply, "(u)", &pid);
  if (pid == 0 || pid == (guint32) getpid ())
    return;

  kill ((pid_t) pid, SIGTERM);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (variete_test_name_has_owner (bus, name, NULL) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
}

gboolean
variete_test_keyring_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  GOutputStream *input;
  gint64 deadline;

  if (daemon == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  /* Something earlier on this bus (a portal, another test) may have had a keyring daemon
   * started by D-Bus activation: locked, it would prompt and hang. Ours must be the one. */
  stop_bus_owner (bus, "org.freedesktop.secrets");

  /* A fresh keyring, unlocked with a password of the test's, in the test's own data dir. */
  variete_test_rm_rf (data_dir);
  g_mkdir_with_parents (data_dir, 0700);

  /* --foreground keeps the daemon our child, so it ends with the test. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Our fatal-warnings setting is for our code, not for the daemon. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  keyring_daemon = g_subprocess_launcher_spawn (launcher, &error,
                                                daemon, "--foreground", "--replace", "--unlock",
                                                "--components=secrets", NULL);
  g_assert_no_error (error);

  input = g_subprocess_get_stdin_pipe (keyring_daemon);
  g_output_stream_write_all (input, "test-password", 13, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!variete_test_name_has_owner (bus, "org.freedesktop.secrets", NULL) &&
         g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);

  return variete_test_name_has_owner (bus, "org.freedesktop.secrets", NULL);
}

void
variete_test_keyring_stop (void)
{
  if (keyring_daemon == NULL)
    return;

  g_subprocess_force_exit (keyring_daemon);
  g_subprocess_wait (keyring_daemon, NULL, NULL);
  g_clear_object (&keyring_daemon);
}
