/* test-window.c
 *
 * The application and its main window: actions, D-Bus export, command-line files, window state
 * and clean finalisation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "variete-application.h"
#include "variete-form.h"
#include "variete-preferences-window.h"
#include "variete-test-gtk.h"
#include "variete-test-utils.h"
#include "variete-window.h"

#define WAIT_TIMEOUT_SECONDS 10

static VarieteApplication *app;

static gboolean
toplevel_gone (gpointer data)
{
  return variete_test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
close_toplevel (GType type)
{
  GtkWindow *window = variete_test_find_toplevel (type);

  g_assert_nonnull (window);
  g_object_ref (window);
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
  g_assert_null (variete_test_find_toplevel (type));
}

static VarieteWindow *
open_main_window (void)
{
  g_application_activate (G_APPLICATION (app));

  return VARIETE_WINDOW (variete_test_wait_for_toplevel (VARIETE_TYPE_WINDOW,
                                                         WAIT_TIMEOUT_SECONDS));
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
  GtkWindow *about;

  g_assert_true (VARIETE_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = variete_test_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  close_toplevel (ADW_TYPE_ABOUT_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  variete_test_wait_for_toplevel (VARIETE_TYPE_PREFERENCES_WINDOW, WAIT_TIMEOUT_SECONDS);
  close_toplevel (VARIETE_TYPE_PREFERENCES_WINDOW);

  close_main_window (window);
}

static gboolean
widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static guint
count_toplevels (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += G_TYPE_CHECK_INSTANCE_TYPE (window, type);
    }

  return n;
}

/* The shortcuts window is made when first asked for, shows the app's accelerators, and is
 * the same window the second time. */
static void
test_window_help_overlay (void)
{
  VarieteWindow *window = open_main_window ();
  g_autoptr(GPtrArray) shortcuts = NULL;
  GtkWindow *overlay;
  gboolean found = FALSE;

  g_assert_cmpuint (count_toplevels (GTK_TYPE_SHORTCUTS_WINDOW), ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = variete_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, WAIT_TIMEOUT_SECONDS);
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (window));

  shortcuts = variete_test_find_all (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i),
                    "action-name", &action_name,
                    "accelerator", &accelerator,
                    NULL);
      if (g_strcmp0 (action_name, "app.preferences") == 0)
        {
          g_assert_cmpstr (accelerator, ==, "<Control>comma");
          found = TRUE;
        }
    }
  g_assert_true (found);

  gtk_window_close (overlay);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  variete_test_spin_until (widget_is_mapped, overlay, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpuint (count_toplevels (GTK_TYPE_SHORTCUTS_WINDOW), ==, 1);

  close_main_window (window);
  variete_test_spin_until (toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW),
                           WAIT_TIMEOUT_SECONDS);
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
  variete_test_spin_until (variete_test_flag_is_set, &done, WAIT_TIMEOUT_SECONDS);

  variete_test_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW, WAIT_TIMEOUT_SECONDS);
  close_toplevel (ADW_TYPE_ABOUT_WINDOW);

  close_main_window (window);
}

static void
test_window_open_file_reaches_window (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/variete-sketch.png");
  VarieteWindow *window;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = VARIETE_WINDOW (variete_test_wait_for_toplevel (VARIETE_TYPE_WINDOW,
                                                          WAIT_TIMEOUT_SECONDS));

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

  variete_test_spin_until (toplevel_gone, GSIZE_TO_POINTER (VARIETE_TYPE_WINDOW),
                           WAIT_TIMEOUT_SECONDS);
}

static gboolean
source_set (gpointer data)
{
  return variete_request_get_source_url (variete_window_get_request (data)) != NULL;
}

static GtkLabel *
last_label (GtkWidget *box)
{
  GtkWidget *child = gtk_widget_get_last_child (box);

  g_assert_true (GTK_IS_LABEL (child));
  return GTK_LABEL (child);
}

/* An over-limit custom size, typed into the form, disables win.generate and says why. */
static void
test_window_size_limit_disables_generate (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "variete-test-source.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  VarieteWindow *window = open_main_window ();
  VarieteRequest *request = variete_window_get_request (window);
  VarieteForm *form = VARIETE_FORM (variete_test_find_descendant (GTK_WIDGET (window),
                                                                  VARIETE_TYPE_FORM, NULL));
  GtkWidget *size_message = variete_form_get_control (form, "size-message");
  const char *tooltip;

  variete_test_write_png (path, 64, 48, 0x336699ff);
  variete_window_open_source (window, file);
  variete_test_spin_until (source_set, window, WAIT_TIMEOUT_SECONDS);

  /* A valid request with a source: Generate is offered. */
  variete_request_set_size_mode (request, "custom");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variete_form_get_control (form, "width")), 1024);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variete_form_get_control (form, "height")), 1024);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "generate"));

  /* 1400 × 1200 = 1,680,000 px: over the limit. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variete_form_get_control (form, "width")), 1400);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variete_form_get_control (form, "height")), 1200);
  g_assert_cmpint (variete_request_get_width (request), ==, 1400);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "generate"));

  /* The form's own message says what is wrong, and so does Generate's tooltip. */
  g_assert_true (gtk_widget_get_visible (size_message));
  g_assert_nonnull (strstr (gtk_label_get_text (last_label (size_message)), "1,680,000"));
  tooltip = gtk_widget_get_tooltip_text (variete_window_get_generate_button (window));
  g_assert_nonnull (strstr (tooltip, "1,478,656"));

  /* Back under the limit: offered again. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (variete_form_get_control (form, "height")), 1000);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "generate"));

  variete_request_set_size_mode (request, "aspect");
  close_main_window (window);
  g_unlink (path);
}

/* Every form value is in GSettings: a new window starts where the last one stopped. */
static void
test_window_settings_survive_new_window (void)
{
  VarieteWindow *window = open_main_window ();

  variete_request_set_prompt (variete_window_get_request (window), "a lighthouse at dusk");
  variete_request_set_processing_mode (variete_window_get_request (window), "sketch-to-image");
  variete_request_set_creativity (variete_window_get_request (window), 5);
  close_main_window (window);

  window = open_main_window ();
  g_assert_cmpstr (variete_request_get_prompt (variete_window_get_request (window)), ==,
                   "a lighthouse at dusk");
  g_assert_cmpstr (variete_request_get_processing_mode (variete_window_get_request (window)), ==,
                   "sketch-to-image");
  g_assert_cmpint (variete_request_get_creativity (variete_window_get_request (window)), ==, 5);

  /* Reset to defaults brings the defaults back, in the request too. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-form", NULL);
  g_assert_cmpstr (variete_request_get_prompt (variete_window_get_request (window)), ==, "cat");
  g_assert_cmpstr (variete_request_get_processing_mode (variete_window_get_request (window)), ==,
                   "reimagine");
  g_assert_cmpint (variete_request_get_creativity (variete_window_get_request (window)), ==, 3);
  close_main_window (window);
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
  variete_test_app_start (G_APPLICATION (app));

  g_test_add_func ("/window/about-and-preferences", test_window_about_and_preferences);
  g_test_add_func ("/window/help-overlay", test_window_help_overlay);
  g_test_add_func ("/window/actions-exported-on-dbus", test_window_actions_exported_on_dbus);
  g_test_add_func ("/window/open-file", test_window_open_file_reaches_window);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/window/size-limit-disables-generate", test_window_size_limit_disables_generate);
  g_test_add_func ("/window/settings-survive-new-window", test_window_settings_survive_new_window);

  ret = g_test_run ();

  /* The windows, which is what these tests check for leaks, are each finalized above. */
  variete_test_app_stop (G_APPLICATION (app));
  g_object_unref (app);

  return ret;
}
