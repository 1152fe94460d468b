/* variete-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-a11y.h"
#include "variete-client.h"
#include "variete-paths.h"
#include "variete-preferences-window.h"
#include "variete-secret.h"
#include "variete-settings.h"

struct _VarietePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  VarieteApplication   *application;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;

  AdwActionRow         *output_dir_row;
  AdwPasswordEntryRow  *api_key_row;
  GtkLabel             *api_key_status;
  GtkButton            *remove_key_button;
  AdwEntryRow          *api_url_row;
  GtkLabel             *api_url_error;
};

G_DEFINE_FINAL_TYPE (VarietePreferencesWindow, variete_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

VarietePreferencesWindow *
variete_preferences_window_new (VarieteApplication *application)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (application), NULL);

  return g_object_new (VARIETE_TYPE_PREFERENCES_WINDOW,
                       "variete-application", application,
                       NULL);
}

static void
show_status (GtkLabel   *label,
             const char *text,
             gboolean    is_error)
{
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');

  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "success");
    }
}

/* Results */

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
  g_settings_reset (VARIETE_PREFERENCES_WINDOW (widget)->settings, "output-dir");
}

static void
reset_form_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (widget);

  variete_settings_reset_form (self->settings);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The form is back to its defaults")));
}

/* Connection: the API key */

static void
update_key_state (VarietePreferencesWindow *self)
{
  VarieteConnection connection = variete_application_get_connection (self->application);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-key",
                                 connection == VARIETE_CONNECTION_KEY &&
                                 variete_secret_get_env_key () == NULL);

  if (variete_secret_get_env_key () != NULL)
    show_status (self->api_key_status,
                 _("The key comes from the VARIETE_API_KEY environment variable."), FALSE);
  else if (connection == VARIETE_CONNECTION_KEY)
    show_status (self->api_key_status, _("A key is stored in your keyring."), FALSE);
  else if (connection == VARIETE_CONNECTION_DEMO)
    show_status (self->api_key_status, _("The offline demo is running: no key is used."), FALSE);
  else
    show_status (self->api_key_status, _("No key yet. Paste yours and press Enter."), FALSE);
}

typedef struct
{
  VarietePreferencesWindow *self;
  char                     *key;
} KeyOp;

static void
key_op_free (KeyOp *op)
{
  g_clear_object (&op->self);
  g_free (op->key);
  g_free (op);
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KeyOp *op = user_data;
  g_autoptr(GError) error = NULL;

  if (!variete_secret_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (op->self->api_key_status, error->message, TRUE);
    }
  else
    {
      variete_application_set_api_key (op->self->application, op->key);
      gtk_editable_set_text (GTK_EDITABLE (op->self->api_key_row), "");
      update_key_state (op->self);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (op->self),
                                        adw_toast_new (_("Connected to Tengr.ai")));
    }

  key_op_free (op);
}

static void
key_verified_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KeyOp *op = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (op->self->api_key_row), TRUE);

  if (!variete_application_verify_key_finish (VARIETE_APPLICATION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (op->self->api_key_status, error->message, TRUE);
      key_op_free (op);
      return;
    }

  variete_secret_store_async (op->key, op->self->cancellable, key_stored_cb, op);
}

static void
api_key_applied_cb (VarietePreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));
  g_autofree char *key = g_strstrip (g_strdup (text));
  KeyOp *op;

  if (key[0] == '\0')
    return;

  op = g_new0 (KeyOp, 1);
  op->self = g_object_ref (self);
  op->key = g_steal_pointer (&key);

  gtk_widget_set_sensitive (GTK_WIDGET (self->api_key_row), FALSE);
  show_status (self->api_key_status, _("Checking the key…"), FALSE);
  variete_application_verify_key_async (self->application, op->key, self->cancellable,
                                        key_verified_cb, op);
}

static void
key_removed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VarietePreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!variete_secret_clear_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self->api_key_status, error->message, TRUE);
      return;
    }

  variete_application_set_api_key (self->application, NULL);
  update_key_state (self);
}

static void
remove_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (widget);

  variete_secret_clear_async (self->cancellable, key_removed_cb, g_object_ref (self));
}

/* Connection: the API URL */

static void
api_url_applied_cb (VarietePreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->api_url_row));
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (!variete_client_check_url (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->api_url_row), "error");
      show_status (self->api_url_error, error->message, TRUE);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->api_url_row), "error");
  show_status (self->api_url_error, NULL, FALSE);
  g_settings_set_string (self->settings, "api-url", url);
}

static void
api_url_changed_cb (VarietePreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "api-url");

  gtk_editable_set_text (GTK_EDITABLE (self->api_url_row), url);
  gtk_widget_remove_css_class (GTK_WIDGET (self->api_url_row), "error");
  show_status (self->api_url_error, NULL, FALSE);
}

static void
reset_api_url_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_settings_reset (VARIETE_PREFERENCES_WINDOW (widget)->settings, "api-url");
}

static void
variete_preferences_window_constructed (GObject *object)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (variete_preferences_window_parent_class)->constructed (object);

  self->settings = g_object_ref (variete_application_get_settings (self->application));

  g_signal_connect_object (self->settings, "changed::output-dir",
                           G_CALLBACK (output_dir_changed_cb), self, G_CONNECT_SWAPPED);
  output_dir_changed_cb (self);

  g_signal_connect_object (self->settings, "changed::api-url",
                           G_CALLBACK (api_url_changed_cb), self, G_CONNECT_SWAPPED);
  api_url_changed_cb (self);

  g_signal_connect_object (self->application, "notify::connection",
                           G_CALLBACK (update_key_state), self, G_CONNECT_SWAPPED);
  update_key_state (self);
}

static void
variete_preferences_window_dispose (GObject *object)
{
  VarietePreferencesWindow *self = VARIETE_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
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

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

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
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
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

  /* Not "application": a GtkWindow's application property would make it a window of the app. */
  properties [PROP_APPLICATION] =
    g_param_spec_object ("variete-application", NULL, NULL,
                         VARIETE_TYPE_APPLICATION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, output_dir_row);
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, api_key_status);
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, api_url_row);
  gtk_widget_class_bind_template_child (widget_class, VarietePreferencesWindow, api_url_error);
  gtk_widget_class_bind_template_callback (widget_class, api_key_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, api_url_applied_cb);

  gtk_widget_class_install_action (widget_class, "preferences.choose-output-dir", NULL,
                                   choose_output_dir_action);
  gtk_widget_class_install_action (widget_class, "preferences.reset-output-dir", NULL,
                                   reset_output_dir_action);
  gtk_widget_class_install_action (widget_class, "preferences.reset-form", NULL,
                                   reset_form_action);
  gtk_widget_class_install_action (widget_class, "preferences.remove-key", NULL,
                                   remove_key_action);
  gtk_widget_class_install_action (widget_class, "preferences.reset-api-url", NULL,
                                   reset_api_url_action);
}

/* AdwPreferencesWindow keeps its search entry and results list in the tree even with search
 * disabled, and names neither. */
static void
name_search_widgets (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  gboolean named =
    gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
    gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  if (GTK_IS_SEARCH_ENTRY (widget) && !named)
    gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Search Preferences"), -1);
  else if (GTK_IS_LIST_BOX (widget) && !named)
    gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Search Results"), -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_widgets (child);
}

static void
variete_preferences_window_init (VarietePreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  variete_a11y_name_tooltip_buttons (GTK_WIDGET (self->api_key_row));
  variete_a11y_fix_button_names (GTK_WIDGET (self));
  name_search_widgets (GTK_WIDGET (self));
}
