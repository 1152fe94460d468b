/* variete-window-actions.c
 *
 * The window's actions (exported on D-Bus through its GActionMap, DESIGN.md) and the job it
 * shows: generate, watch, cancel, retry, and errors turned into toasts with a way forward.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-history-window.h"
#include "variete-settings.h"
#include "variete-window-private.h"

void
variete_window_set_action_enabled (VarieteWindow *self,
                                   const char    *name,
                                   gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static VarieteApplication *
get_application (VarieteWindow *self)
{
  return VARIETE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static gboolean
job_is_running (VarieteWindow *self)
{
  return self->job != NULL && !variete_job_state_is_final (variete_job_get_state (self->job));
}

/* win.generate is enabled only for a valid request with a source while no job of this window
 * runs; its tooltip says what is missing otherwise. */
void
variete_window_update_generate (VarieteWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = variete_request_validate (self->request, &error);
  gboolean running = job_is_running (self);

  variete_window_set_action_enabled (self, "generate", valid && !running);
  variete_window_set_action_enabled (self, "cancel", running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);

  if (running)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button),
                                 _("A job is running; cancel it or wait for it to finish"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->generate_button),
                                 valid ? _("Generate New Artwork (Ctrl+Enter)") : error->message);
}

static void
request_changed_cb (VarieteWindow *self)
{
  variete_window_update_generate (self);
}

static void
source_url_changed_cb (VarieteWindow *self)
{
  variete_request_set_source_url (self->request,
                                  variete_source_view_get_source_url (self->source_view));
}

/* How long a toast about a job stays: long enough to read a sentence and reach its button. */
#define JOB_TOAST_TIMEOUT_S 10

/* An error toast, on one line, that goes away on its own: for errors that no status line
 * shows. */
static void
show_error_toast (VarieteWindow *self,
                  const GError  *error)
{
  g_autofree char *title = variete_error_dup_one_line (error->message);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, JOB_TOAST_TIMEOUT_S);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A job that failed: its status line under the results says why, so the toast does not say it
 * again; it offers the way forward when there is one: the key settings for 401/403, Retry for
 * what a second try may fix. */
static void
show_job_error (VarieteWindow *self,
                const GError  *error)
{
  AdwToast *toast;

  if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_FORBIDDEN))
    {
      toast = adw_toast_new (_("The API key needs attention"));
      adw_toast_set_button_label (toast, _("_Key Settings"));
      adw_toast_set_action_name (toast, "win.show-key-settings");
    }
  else if (self->job != NULL && variete_job_get_can_retry (self->job))
    {
      toast = adw_toast_new (_("The job stopped before its end"));
      adw_toast_set_button_label (toast, _("_Retry"));
      adw_toast_set_action_name (toast, "win.retry");
    }
  else
    {
      return;
    }

  adw_toast_set_timeout (toast, JOB_TOAST_TIMEOUT_S);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
job_state_changed_cb (VarieteWindow *self,
                      GParamSpec    *pspec,
                      VarieteJob    *job)
{
  VarieteJobState state = variete_job_get_state (job);

  variete_window_update_generate (self);
  variete_window_set_action_enabled (self, "retry", variete_job_get_can_retry (job));

  /* An expired job needs nothing but its status line. */
  if (state == VARIETE_JOB_STATE_FAILED && variete_job_get_error (job) != NULL)
    show_job_error (self, variete_job_get_error (job));
}

void
variete_window_clear_job (VarieteWindow *self)
{
  if (self->job != NULL)
    g_clear_signal_handler (&self->job_state_handler, self->job);
  g_clear_object (&self->job);
}

static void
show_job (VarieteWindow *self,
          VarieteJob    *job)
{
  variete_window_clear_job (self);
  self->job = g_object_ref (job);
  self->job_state_handler = g_signal_connect_object (job, "notify::state",
                                                     G_CALLBACK (job_state_changed_cb), self,
                                                     G_CONNECT_SWAPPED);

  variete_results_view_set_job (self->results_view, job);
  gtk_widget_set_visible (GTK_WIDGET (self->results_view), TRUE);
  job_state_changed_cb (self, NULL, job);
}

/* Shows @job, resumed at start, unless the window already shows one. */
void
variete_window_show_resumed_job (VarieteWindow *self,
                                 VarieteJob    *job)
{
  g_return_if_fail (VARIETE_IS_WINDOW (self));
  g_return_if_fail (VARIETE_IS_JOB (job));

  if (self->job != NULL)
    return;

  variete_results_view_set_source (self->results_view, NULL, variete_job_get_source_name (job));
  show_job (self, job);
}

static gboolean
scroll_to_results_cb (gpointer data)
{
  g_autoptr(VarieteWindow) self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  graphene_point_t point;

  if (self->narrow &&
      gtk_widget_compute_point (GTK_WIDGET (self->canvas_box), GTK_WIDGET (self->form_column),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, point.y);

  return G_SOURCE_REMOVE;
}

static void
generate_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  VarieteWindow *self = user_data;
  VarieteApplication *app = get_application (self);
  g_autoptr(VarieteRequest) request = NULL;
  g_autoptr(VarieteClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output_dir = NULL;
  g_autoptr(GdkTexture) thumbnail = NULL;
  VarieteSource *source;
  const char *name;
  VarieteLibrary *library;
  VarieteJob *job;

  if (job_is_running (self))
    return;

  if (!variete_request_validate (self->request, &error))
    {
      show_error_toast (self, error);
      return;
    }

  client = variete_application_create_client (app);
  if (!variete_client_check_url (variete_client_get_base_url (client), &error))
    {
      show_error_toast (self, error);
      return;
    }

  /* The job keeps its own copy: the form may change while it runs. */
  request = variete_request_copy (self->request);
  output_dir = variete_application_dup_output_dir (app);
  library = variete_application_get_library (app);

  source = variete_source_view_get_source (self->source_view);
  name = source != NULL ? variete_source_get_display_name (source) : NULL;
  if (source != NULL && variete_source_get_thumbnail (source) != NULL)
    thumbnail = gdk_texture_new_for_pixbuf (variete_source_get_thumbnail (source));

  job = variete_library_submit (library, client, request, output_dir, name);
  variete_results_view_set_source (self->results_view,
                                   GDK_PAINTABLE (thumbnail), name);
  show_job (self, job);

  /* In a narrow window the results are below the form: bring them into view. */
  if (self->narrow)
    g_idle_add (scroll_to_results_cb, g_object_ref (self));
}

static void
cancel_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  VarieteWindow *self = user_data;

  if (job_is_running (self))
    variete_job_cancel (self->job);
}

static void
retry_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VarieteWindow *self = user_data;

  if (self->job != NULL && variete_job_get_can_retry (self->job))
    variete_job_retry (self->job);
}

static void
show_key_settings_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  variete_application_show_preferences (get_application (user_data), "connection");
}

static void
history_restored_cb (VarieteWindow  *self,
                     VarieteRequest *request)
{
  /* The form takes the job's settings; the source image stays the one on screen. */
  variete_request_assign_fields (self->request, request);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("The form now has that job's settings")));
}

/* Made when first asked for, not with every window (as GtkApplication does with
 * gtk/help-overlay.ui): the start-up does not pay for a window of shortcuts nobody opened. Once
 * made, it is the window's help overlay and is shown again the next time. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  VarieteWindow *self = user_data;
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (self);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/variete/Variete/ui/help-overlay.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Also what shows the app's accelerators in it; closing it hides it. */
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
history_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VarieteWindow *self = user_data;
  VarieteLibrary *library = variete_application_get_library (get_application (self));
  VarieteHistoryWindow *history = variete_history_window_new (library);

  g_signal_connect_object (history, "restore", G_CALLBACK (history_restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (history));
}

static void
open_source_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VarieteWindow *self = user_data;

  variete_source_view_open (self->source_view);
}

static void
paste_source_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  VarieteWindow *self = user_data;

  variete_source_view_paste (self->source_view);
}

static void
leave_demo_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  variete_application_stop_demo (get_application (user_data));
}

static void
reset_form_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VarieteWindow *self = user_data;

  variete_settings_reset_form (self->settings);
}

/* "Use as source": the result's URL goes straight back as the next imageUrl, no re-upload. */
static void
use_as_source_cb (VarieteWindow *self,
                  const char    *url,
                  GFile         *file)
{
  g_autoptr(GFile) remote = NULL;

  if (url != NULL && url[0] != '\0')
    {
      remote = g_file_new_for_uri (url);
      variete_source_view_load_file (self->source_view, remote);
    }
  else if (file != NULL)
    variete_source_view_load_file (self->source_view, file);
}

/* Onboarding until there is a key or the demo runs; the form and canvas after. */
void
variete_window_connection_changed (VarieteWindow *self)
{
  VarieteConnection connection = variete_application_get_connection (get_application (self));
  const char *page = "main";
  gboolean main_page;

  if (connection == VARIETE_CONNECTION_UNKNOWN)
    page = "loading";
  else if (connection == VARIETE_CONNECTION_NONE)
    page = "onboarding";

  /* Most starts have a key: the onboarding page is made the first time it is needed. */
  if (self->onboarding == NULL && g_str_equal (page, "onboarding"))
    {
      self->onboarding = g_object_new (VARIETE_TYPE_ONBOARDING, NULL);
      variete_onboarding_set_application (self->onboarding, get_application (self));
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->onboarding), "onboarding");
    }

  main_page = g_str_equal (page, "main");
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_revealer_set_reveal_child (self->demo_banner, connection == VARIETE_CONNECTION_DEMO);
  variete_window_set_action_enabled (self, "leave-demo", connection == VARIETE_CONNECTION_DEMO);
  variete_window_set_action_enabled (self, "open-source", main_page);
  variete_window_set_action_enabled (self, "paste-source", main_page);
  variete_window_set_action_enabled (self, "history", main_page);
  gtk_widget_set_visible (GTK_WIDGET (self->generate_button), main_page);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), main_page);
}

/* These go into the window's GActionMap, not gtk_widget_class_install_action(), so that they are
 * exported on D-Bus for tools outside the process (DESIGN.md, Interfaces). */
static const GActionEntry win_actions[] = {
  { "generate", generate_action },
  { "history", history_action },
  { "cancel", cancel_action },
  { "retry", retry_action },
  { "open-source", open_source_action },
  { "paste-source", paste_source_action },
  { "reset-form", reset_form_action },
  { "leave-demo", leave_demo_action },
  { "show-key-settings", show_key_settings_action },
  { "show-help-overlay", show_help_overlay_action },
};

void
variete_window_add_actions (VarieteWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  variete_window_set_action_enabled (self, "cancel", FALSE);
  variete_window_set_action_enabled (self, "retry", FALSE);

  g_signal_connect_object (self->source_view, "notify::source-url",
                           G_CALLBACK (source_url_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request, "notify", G_CALLBACK (request_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results_view, "use-as-source", G_CALLBACK (use_as_source_cb),
                           self, G_CONNECT_SWAPPED);
  variete_window_update_generate (self);
}
