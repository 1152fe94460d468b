/* test-window.c
 *
 * The application and its main window: actions, D-Bus export, command-line files, window state
 * and clean finalisation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-application.h"
#include "variete-preferences-window.h"
#include "variete-window.h"

static VarieteApplication *app;

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main context until @predicate holds, failing the test after 10 s. */
static void
spin_until (gboolean (*predicate) (gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
close_toplevel (GType type)
{
  GtkWindow *window = find_toplevel (type);

  g_assert_nonnull (window);
  g_object_ref (window);
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
  g_assert_null (find_toplevel (type));
}

static VarieteWindow *
open_main_window (void)
{
  g_application_activate (G_APPLICATION (app));
  spin_until (toplevel_shown, GSIZE_TO_POINTER (VARIETE_TYPE_WINDOW));

  return VARIETE_WINDOW (find_toplevel (VARIETE_TYPE_WINDOW));
}

static void
close_main_window (VarieteWindow *window)
{
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_about_and_preferences (void)
{
  VarieteWindow *window = open_main_window ();

  g_assert_true (VARIETE_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  spin_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW))),
                   ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (find_toplevel (ADW_TYPE_ABOUT_WINDOW)) == GTK_WINDOW (window));
  close_toplevel (ADW_TYPE_ABOUT_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  spin_until (toplevel_shown, GSIZE_TO_POINTER (VARIETE_TYPE_PREFERENCES_WINDOW));
  close_toplevel (VARIETE_TYPE_PREFERENCES_WINDOW);

  close_main_window (window);
}

static void
gdbus_finished_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Tools outside the process drive the app through org.gtk.Actions (DESIGN.md, Interfaces). */
static void
test_window_actions_exported_on_dbus (void)
{
  VarieteWindow *window = open_main_window ();
  g_autoptr(GSubprocess) gdbus = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  gdbus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                            "gdbus", "call", "--session",
                            "--dest", APP_ID,
                            "--object-path", "/io/github/variete/Variete",
                            "--method", "org.gtk.Actions.Activate",
                            "about", "[]", "{}",
                            NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (gdbus, NULL, gdbus_finished_cb, &done);
  spin_until (flag_set, &done);

  spin_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));
  close_toplevel (ADW_TYPE_ABOUT_WINDOW);

  close_main_window (window);
}

static void
test_window_open_file_reaches_window (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/variete-sketch.png");
  VarieteWindow *window;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  spin_until (toplevel_shown, GSIZE_TO_POINTER (VARIETE_TYPE_WINDOW));
  window = VARIETE_WINDOW (find_toplevel (VARIETE_TYPE_WINDOW));

  g_assert_nonnull (variete_window_get_source_file (window));
  g_assert_true (g_file_equal (variete_window_get_source_file (window), file));

  close_main_window (window);
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VarieteWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = open_main_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  close_main_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);

  spin_until (toplevel_gone, GSIZE_TO_POINTER (VARIETE_TYPE_WINDOW));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* A key from the environment: the main page, with no keyring involved. */
  g_setenv ("VARIETE_API_KEY", "test-key", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = variete_application_new ();
  /* Windows come and go between tests: keep the application alive meanwhile. */
  g_application_hold (G_APPLICATION (app));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/about-and-preferences", test_window_about_and_preferences);
  g_test_add_func ("/window/actions-exported-on-dbus", test_window_actions_exported_on_dbus);
  g_test_add_func ("/window/open-file", test_window_open_file_reaches_window);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  /* GApplication keeps itself alive while it is exported on the bus; the windows, which is what
   * these tests check for leaks, are each finalized above. */
  g_application_quit (G_APPLICATION (app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);

  return ret;
}
