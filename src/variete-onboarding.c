/* variete-onboarding.c
 *
 * "Connect to Tengr.ai": the first thing an artist without a key sees. The key is verified with
 * the API before it is stored in the keyring; the offline demo needs no key at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-a11y.h"
#include "variete-onboarding.h"
#include "variete-secret.h"

struct _VarieteOnboarding
{
  AdwBin               parent_instance;

  VarieteApplication  *application;
  GCancellable        *cancellable;
  char                *pending_key;

  AdwPasswordEntryRow *key_row;
  GtkButton           *connect_button;
  GtkSpinner          *spinner;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (VarieteOnboarding, variete_onboarding, ADW_TYPE_BIN)

void
variete_onboarding_set_application (VarieteOnboarding  *self,
                                    VarieteApplication *application)
{
  g_return_if_fail (VARIETE_IS_ONBOARDING (self));

  g_set_object (&self->application, application);
}

static void
set_busy (VarieteOnboarding *self,
          gboolean           busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "onboarding.connect", !busy);
}

static void
show_message (VarieteOnboarding *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VarieteOnboarding) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_steal_pointer (&self->pending_key);

  if (!variete_secret_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The key works; it just could not be kept. Use it for this session and say so. */
      g_message ("Could not store the API key in the keyring: %s", error->message);
    }

  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  variete_application_set_api_key (self->application, key);
}

static void
key_verified_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VarieteOnboarding) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!variete_application_verify_key_finish (VARIETE_APPLICATION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_pointer (&self->pending_key, g_free);
      set_busy (self, FALSE);
      show_message (self, error->message);
      return;
    }

  variete_secret_store_async (self->pending_key, self->cancellable, key_stored_cb,
                              g_object_ref (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VarieteOnboarding *self = VARIETE_ONBOARDING (widget);
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));

  g_return_if_fail (self->application != NULL);

  if (key[0] == '\0')
    {
      show_message (self, _("Paste your API key first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  show_message (self, NULL);
  set_busy (self, TRUE);
  g_free (self->pending_key);
  self->pending_key = g_steal_pointer (&key);
  variete_application_verify_key_async (self->application, self->pending_key, self->cancellable,
                                        key_verified_cb, g_object_ref (self));
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VarieteOnboarding *self = VARIETE_ONBOARDING (widget);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->application != NULL);

  if (!variete_application_start_demo (self->application, &error))
    show_message (self, error->message);
}

static void
key_row_activated_cb (VarieteOnboarding *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "onboarding.connect", NULL);
}

static void
variete_onboarding_dispose (GObject *object)
{
  VarieteOnboarding *self = VARIETE_ONBOARDING (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_ONBOARDING);
  g_clear_object (&self->application);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_key, g_free);

  G_OBJECT_CLASS (variete_onboarding_parent_class)->dispose (object);
}

static void
variete_onboarding_class_init (VarieteOnboardingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_onboarding_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-onboarding.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteOnboarding, key_row);
  gtk_widget_class_bind_template_child (widget_class, VarieteOnboarding, connect_button);
  gtk_widget_class_bind_template_child (widget_class, VarieteOnboarding, spinner);
  gtk_widget_class_bind_template_child (widget_class, VarieteOnboarding, message_label);
  gtk_widget_class_bind_template_callback (widget_class, key_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "onboarding.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "onboarding.demo", NULL, demo_action);
}

static void
variete_onboarding_init (VarieteOnboarding *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  variete_a11y_fix_button_names (GTK_WIDGET (self));
  variete_a11y_name_tooltip_buttons (GTK_WIDGET (self->key_row));
}
