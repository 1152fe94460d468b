/* variete-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-paths.h"
#include "variete-preferences-window.h"

struct _VarietePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwActionRow         *output_dir_row;
};

G_DEFINE_FINAL_TYPE (VarietePreferencesWindow, variete_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

VarietePreferencesWindow *
variete_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (VARIETE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

static void
output_dir_changed_cb (VarietePreferencesWindow *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "output-dir");
  g_autofree char *dir = variete_paths_dup_output_dir (configured);

  adw_action_row_set_subtitle (self->output_dir_row, dir);
}

static void
output_dir_chosen_cb (VarietePreferencesWindow *self,
                      int                       response,
                      GtkFileChooserNative     *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "output-dir", path);
    }

  g_clear_object (&self->chooser);
}

static void
choose_output_dir_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose Output Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (output_dir_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
reset_output_dir_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "output-dir");
}

static void
variete_preferences_window_constructed (GObject *object)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (variete_preferences_window_parent_class)->constructed (object);

  g_signal_connect_object (self->settings, "changed::output-dir",
                           G_CALLBACK (output_dir_changed_cb), self, G_CONNECT_SWAPPED);
  output_dir_changed_cb (self);
}

static void
variete_preferences_window_dispose (GObject *object)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (variete_preferences_window_parent_class)->dispose (object);
}

static void
variete_preferences_window_finalize (GObject *object)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (variete_preferences_window_parent_class)->finalize (object);
}

static void
variete_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_preferences_window_class_init (VarietePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = variete_preferences_window_constructed;
  object_class->dispose = variete_preferences_window_dispose;
  object_class->finalize = variete_preferences_window_finalize;
  object_class->set_property = variete_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, output_dir_row);

  gtk_widget_class_install_action (widget_class, "preferences.choose-output-dir", NULL,
                                   choose_output_dir_action);
  gtk_widget_class_install_action (widget_class, "preferences.reset-output-dir", NULL,
                                   reset_output_dir_action);
}

static void
variete_preferences_window_init (VarietePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
