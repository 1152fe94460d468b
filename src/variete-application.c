/* variete-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-application.h"
#include "variete-preferences-window.h"
#include "variete-window.h"

struct _VarieteApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (VarieteApplication, variete_application, ADW_TYPE_APPLICATION)

VarieteApplication *
variete_application_new (void)
{
  return g_object_new (VARIETE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/variete/Variete",
                       NULL);
}

GSettings *
variete_application_get_settings (VarieteApplication *self)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), NULL);

  return self->settings;
}

static VarieteWindow *
get_or_create_window (VarieteApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (VARIETE_IS_WINDOW (window))
    return VARIETE_WINDOW (window);

  return variete_window_new (self);
}

static void
variete_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (VARIETE_APPLICATION (app))));
}

/* `variete FILE|URI…` and "Open With" from Files: the first one becomes the source image. */
static void
variete_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  VarieteWindow *window = get_or_create_window (VARIETE_APPLICATION (app));

  if (n_files > 0)
    variete_window_open_source (window, files[0]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
variete_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (variete_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VarieteApplication *self = user_data;
  GtkWindow *window;

  /* Close the windows first so each one saves its state; the application then ends by itself. */
  while ((window = gtk_application_get_active_window (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (window);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VarieteApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  VarietePreferencesWindow *preferences;

  preferences = variete_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_modal (GTK_WINDOW (preferences), parent != NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VarieteApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Variete developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", "Variete",
                        "application-icon", APP_ID,
                        "developer-name", _("The Variete developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORT,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/username, and optionally an email or URL. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Turn a sketch or photo into new artwork with the "
                                      "Tengr.ai Selena Variete image-to-image service."),
                        "copyright", "© 2026 The Variete developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Image generation by"),
                                       (const char *[]) { "Tengr.ai https://tengr.ai", NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
variete_application_dispose (GObject *object)
{
  VarieteApplication *self = VARIETE_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (variete_application_parent_class)->dispose (object);
}

static void
variete_application_class_init (VarieteApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = variete_application_dispose;

  app_class->activate = variete_application_activate;
  app_class->open = variete_application_open;
  app_class->startup = variete_application_startup;
}

static void
variete_application_init (VarieteApplication *self)
{
  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}
