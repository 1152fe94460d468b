/* test-i18n.c
 *
 * test-i18n LANG: the app starts in LANG, with the .mo files of this build, and shows its main
 * window, onboarding page and preferences translated. Run once per language of po/LINGUAS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "variete-application.h"
#include "variete-onboarding.h"
#include "variete-preferences-window.h"
#include "variete-test-gtk.h"
#include "variete-test-utils.h"
#include "variete-window.h"

static VarieteApplication *app;
static const char *lang;

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

static GtkWidget *
find_button_for_action (GtkWidget  *widget,
                        const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for_action (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* @shown is the translation of @msgid, and not the English text. */
static void
assert_translated (const char *shown,
                   const char *msgid)
{
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown, !=, msgid);
  g_assert_cmpstr (shown, ==, g_dgettext (GETTEXT_PACKAGE, msgid));
}

/* No label in @widget's tree shows an English message that has a translation: each one that
 * comes from the catalogue went through gettext on its way to the screen. */
static void
assert_no_english_labels (GtkWidget *widget,
                          guint     *n_labels)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_label (GTK_LABEL (widget));

      if (text[0] != '\0')
        {
          if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
            g_test_fail_printf ("“%s” is shown in English in a %s", text,
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
          (*n_labels)++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_english_labels (child, n_labels);
}

static void
test_i18n_catalogue (void)
{
  g_autofree char *mo = g_test_build_filename (G_TEST_BUILT, "..", "po", lang, "LC_MESSAGES",
                                               GETTEXT_PACKAGE ".mo", NULL);

  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  /* The Generate button's label is the one string every translation has. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Generate"), !=, "_Generate");
}

static void
test_i18n_main_window (void)
{
  GtkWidget *generate;
  guint n_labels = 0;

  g_application_activate (G_APPLICATION (app));
  variete_test_spin_until (page_is, (gpointer) "main", 15);

  generate = find_button_for_action (GTK_WIDGET (get_window ()), "win.generate");
  g_assert_nonnull (generate);
  assert_translated (gtk_button_get_label (GTK_BUTTON (generate)), "_Generate");
  /* The mnemonic survived the translation. */
  g_assert_nonnull (strchr (gtk_button_get_label (GTK_BUTTON (generate)), '_'));

  assert_no_english_labels (GTK_WIDGET (get_window ()), &n_labels);
  g_assert_cmpuint (n_labels, >, 20);
}

static void
test_i18n_onboarding (void)
{
  GtkWidget *onboarding;
  AdwStatusPage *status_page;

  variete_application_set_api_key (app, NULL);
  variete_test_spin_until (page_is, (gpointer) "onboarding", 15);

  onboarding = variete_test_find_descendant (GTK_WIDGET (get_window ()), VARIETE_TYPE_ONBOARDING,
                                             NULL);
  status_page = ADW_STATUS_PAGE (variete_test_find_descendant (onboarding, ADW_TYPE_STATUS_PAGE,
                                                               NULL));
  assert_translated (adw_status_page_get_title (status_page), "Connect to Tengr.ai");

  variete_application_set_api_key (app, "test-key");
  variete_test_spin_until (page_is, (gpointer) "main", 15);
}

static void
test_i18n_preferences (void)
{
  GtkWindow *preferences;
  AdwPreferencesPage *page;
  guint n_labels = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = variete_test_wait_for_toplevel (VARIETE_TYPE_PREFERENCES_WINDOW, 15);

  /* The second page, "Connection": "General" is the same word in some languages. */
  page = ADW_PREFERENCES_PAGE (variete_test_find_descendant (GTK_WIDGET (preferences),
                                                             ADW_TYPE_PREFERENCES_PAGE, NULL));
  g_assert_nonnull (page);
  while (page != NULL && !g_str_equal (adw_preferences_page_get_title (page),
                                       g_dgettext (GETTEXT_PACKAGE, "Connection")))
    page = ADW_PREFERENCES_PAGE (gtk_widget_get_next_sibling (GTK_WIDGET (page)));
  g_assert_nonnull (page);
  assert_translated (adw_preferences_page_get_title (page), "Connection");
  assert_no_english_labels (GTK_WIDGET (preferences), &n_labels);
  g_assert_cmpuint (n_labels, >, 5);

  gtk_window_destroy (preferences);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  /* test-i18n LANG [GTest options] */
  g_assert_cmpint (argc, >=, 2);
  lang = argv[1];
  argv[1] = argv[0];
  argc--;
  argv++;

  /* LC_ALL=C.UTF-8 from the test environment; LANGUAGE picks the catalogue. */
  g_setenv ("LANGUAGE", lang, TRUE);
  g_setenv ("VARIETE_API_KEY", "test-key", TRUE);
  setlocale (LC_ALL, "");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Where meson's i18n.gettext() builds them: <build>/po/<lang>/LC_MESSAGES/variete.mo. */
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = variete_application_new ();
  variete_test_app_start (G_APPLICATION (app));

  g_test_add_func ("/i18n/catalogue", test_i18n_catalogue);
  g_test_add_func ("/i18n/main-window", test_i18n_main_window);
  g_test_add_func ("/i18n/onboarding", test_i18n_onboarding);
  g_test_add_func ("/i18n/preferences", test_i18n_preferences);

  ret = g_test_run ();

  variete_test_app_stop (G_APPLICATION (app));
  g_object_unref (app);

  return ret;
}
