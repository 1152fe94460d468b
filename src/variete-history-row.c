/* variete-history-row.c
 *
 * A job in the history: what it was, how it went, how old it is, and how long Tengr.ai keeps
 * it (8 days).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-enums.h"
#include "variete-history-row.h"
#include "variete-image-loader.h"
#include "variete-launcher.h"
#include "variete-menus.h"
#include "variete-library.h"

#define THUMBNAIL_SIZE 56

struct _VarieteHistoryRow
{
  AdwActionRow  parent_instance;

  GCancellable *cancellable;
  GCancellable *thumbnail_cancellable;
  VarieteJob   *job;
  GFile        *thumbnail_file;

  GtkWidget    *thumbnail_frame;
  GtkWidget    *thumbnail;
  GtkWidget    *thumbnail_placeholder;
  GtkWidget    *resume_button;
  GtkWidget    *restore_button;
  GtkWidget    *menu_button;
};

G_DEFINE_FINAL_TYPE (VarieteHistoryRow, variete_history_row, ADW_TYPE_ACTION_ROW)

enum {
  RESTORE,
  DELETE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Words */

/**
 * variete_format_age:
 * @then: a past time
 * @now: the current time
 *
 * Returns: (transfer full): how long ago @then was: "Just now", "5 minutes ago", "Yesterday"
 */
char *
variete_format_age (GDateTime *then,
                    GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, then);
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = span / G_TIME_SPAN_HOUR;
  gint64 days = span / G_TIME_SPAN_DAY;

  if (minutes < 1)
    return g_strdup (_("Just now"));

  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d minute ago", "%d minutes ago", minutes),
                            (int) minutes);

  if (days < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                            (int) hours);

  if (days < 2)
    return g_strdup (_("Yesterday"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                          (int) days);
}

/* Returns: the job's state in a word or two */
const char *
variete_history_state_label (VarieteJob *job)
{
  switch (variete_job_get_state (job))
    {
    case VARIETE_JOB_STATE_NEW:
    case VARIETE_JOB_STATE_SUBMITTING:
      return _("Sending");
    case VARIETE_JOB_STATE_QUEUED:
      return _("In the queue");
    case VARIETE_JOB_STATE_PROCESSING:
      return _("Processing");
    case VARIETE_JOB_STATE_WAITING:
      return _("Waiting to try again");
    case VARIETE_JOB_STATE_DOWNLOADING:
      return _("Downloading");
    case VARIETE_JOB_STATE_SAVING:
      return _("Saving");
    case VARIETE_JOB_STATE_SUCCEEDED:
      return _("Done");
    case VARIETE_JOB_STATE_FAILED:
      return _("Failed");
    case VARIETE_JOB_STATE_ABANDONED:
      return _("Stopped");
    case VARIETE_JOB_STATE_EXPIRED:
      return _("Expired");
    default:
      g_assert_not_reached ();
    }
}

static char *
dup_retention_text (VarieteJob *job,
                    GDateTime  *now)
{
  int days;

  if (variete_job_get_artwork_id (job) == NULL)
    return g_strdup (_("Never reached the server"));

  days = variete_library_days_left (job, now);
  if (days <= 0)
    return g_strdup (_("Gone from the server"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Deleted from the server in %d day",
                                       "Deleted from the server in %d days",
                                       days),
                          days);
}

static const char *
get_mode_label (VarieteJob *job)
{
  const char *mode = variete_request_get_processing_mode (variete_job_get_request (job));
  const VarieteEnumValue *value = variete_enum_lookup (VARIETE_ENUM_PROCESSING_MODE, mode);

  return value ? variete_enum_value_get_label (value) : mode;
}

/* Thumbnail */

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(VarieteHistoryRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = variete_image_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A result deleted or moved since: the placeholder stays. */
  if (texture == NULL)
    {
      g_debug ("No thumbnail for a job: %s", error->message);
      return;
    }

  gtk_picture_set_paintable (GTK_PICTURE (self->thumbnail), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->thumbnail, TRUE);
  gtk_widget_set_visible (self->thumbnail_placeholder, FALSE);
}

static void
update_thumbnail (VarieteHistoryRow *self)
{
  GListModel *results = variete_job_get_results (self->job);
  g_autoptr(GFile) first = g_list_model_get_item (results, 0);
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  if (first == NULL || (self->thumbnail_file != NULL && g_file_equal (first, self->thumbnail_file)))
    return;

  g_set_object (&self->thumbnail_file, first);

  if (self->thumbnail_cancellable != NULL)
    g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  self->thumbnail_cancellable = g_cancellable_new ();

  variete_image_load_async (first, THUMBNAIL_SIZE * 2 * scale, self->thumbnail_cancellable,
                            thumbnail_loaded_cb, g_object_ref (self));
}

/* Text */

void
variete_history_row_update (VarieteHistoryRow *self,
                            GDateTime         *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *age = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *subtitle = NULL;
  const GError *error;
  const char *prompt;
  gboolean can_retry;

  g_return_if_fail (VARIETE_IS_HISTORY_ROW (self));

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  prompt = variete_request_get_prompt (variete_job_get_request (self->job));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 prompt && prompt[0] ? prompt : _("No prompt"));

  /* Every row has the same buttons: say which job each one acts on. */
  {
    GtkWidget *buttons[] = { self->resume_button, self->restore_button, self->menu_button };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                      -1);
  }

  age = variete_format_age (variete_job_get_started_at (self->job), now);
  retention = dup_retention_text (self->job, now);
  /* Translators: mode · state · age, then how long the server keeps it */
  subtitle = g_strdup_printf (_("%s · %s · %s\n%s"),
                              get_mode_label (self->job),
                              variete_history_state_label (self->job),
                              age,
                              retention);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  error = variete_job_get_error (self->job);
  if (variete_job_get_state (self->job) != VARIETE_JOB_STATE_FAILED)
    error = NULL;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), error ? error->message : NULL);

  can_retry = variete_job_get_can_retry (self->job) &&
              variete_library_days_left (self->job, now) > 0;
  gtk_widget_set_visible (self->resume_button, can_retry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.resume", can_retry);
}

static void
job_changed_cb (VarieteHistoryRow *self)
{
  variete_history_row_update (self, NULL);
}

/* Actions */

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VarieteHistoryRow *self = VARIETE_HISTORY_ROW (widget);

  g_signal_emit (self, signals [RESTORE], 0, variete_job_get_request (self->job));
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VarieteHistoryRow *self = VARIETE_HISTORY_ROW (widget);

  if (variete_job_get_can_retry (self->job))
    variete_job_retry (self->job);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals [DELETE], 0);
}

static void
folder_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!variete_launcher_show_file_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open the folder: %s", error->message);
}

static void
folder_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!variete_launcher_open_folder_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open the folder: %s", error->message);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VarieteHistoryRow *self = VARIETE_HISTORY_ROW (widget);
  g_autoptr(GFile) first = g_list_model_get_item (variete_job_get_results (self->job), 0);
  g_autoptr(GFile) folder = NULL;

  if (first != NULL)
    {
      variete_launcher_show_file_async (widget, first, self->cancellable, folder_opened_cb, NULL);
      return;
    }

  folder = g_file_new_for_path (variete_job_get_output_dir (self->job));
  variete_launcher_open_folder_async (widget, folder, self->cancellable, folder_launched_cb, NULL);
}

/* Public API */

/* What changes the row's text. */
static const char * const job_notifications[] = {
  "notify::state",
  "notify::error",
  "notify::can-retry",
  "notify::artwork",
  "notify::artwork-id",
};

/* Returns: (transfer floating): a row for @job */
GtkWidget *
variete_history_row_new (VarieteJob *job)
{
  VarieteHistoryRow *self;

  g_return_val_if_fail (VARIETE_IS_JOB (job), NULL);

  self = g_object_new (VARIETE_TYPE_HISTORY_ROW, NULL);
  self->job = g_object_ref (job);

  for (guint i = 0; i < G_N_ELEMENTS (job_notifications); i++)
    g_signal_connect_object (job, job_notifications[i], G_CALLBACK (job_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "result-saved", G_CALLBACK (update_thumbnail), self,
                           G_CONNECT_SWAPPED);

  variete_history_row_update (self, NULL);
  update_thumbnail (self);

  return GTK_WIDGET (self);
}

VarieteJob *
variete_history_row_get_job (VarieteHistoryRow *self)
{
  g_return_val_if_fail (VARIETE_IS_HISTORY_ROW (self), NULL);

  return self->job;
}

/* GObject */

static void
variete_history_row_dispose (GObject *object)
{
  VarieteHistoryRow *self = VARIETE_HISTORY_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->thumbnail_cancellable);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (variete_history_row_parent_class)->dispose (object);
}

static void
variete_history_row_finalize (GObject *object)
{
  VarieteHistoryRow *self = VARIETE_HISTORY_ROW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_file);

  G_OBJECT_CLASS (variete_history_row_parent_class)->finalize (object);
}

static void
variete_history_row_class_init (VarieteHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_history_row_dispose;
  object_class->finalize = variete_history_row_finalize;

  signals [RESTORE] =
    g_signal_new ("restore",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, VARIETE_TYPE_REQUEST);

  signals [DELETE] =
    g_signal_new ("delete",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "row.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "row.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "row.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *label,
                 const char *action_name)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", icon_name,
                                    "tooltip-text", label,
                                    "action-name", action_name,
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return button;
}

/* Made when it first opens: a history opens with many rows, each with this menu. */
static GMenuModel *
build_menu (gpointer user_data)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("_Open Folder"), "row.open-folder");
  g_menu_append (menu, _("_Delete…"), "row.delete");

  return G_MENU_MODEL (menu);
}

static void
variete_history_row_init (VarieteHistoryRow *self)
{
  self->cancellable = g_cancellable_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "history-row");

  /* The first result, or an image icon until there is one. */
  self->thumbnail_frame = gtk_overlay_new ();
  gtk_widget_add_css_class (self->thumbnail_frame, "history-thumbnail");
  gtk_widget_set_overflow (self->thumbnail_frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_size_request (self->thumbnail_frame, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_set_valign (self->thumbnail_frame, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->thumbnail_frame, 6);
  gtk_widget_set_margin_bottom (self->thumbnail_frame, 6);

  self->thumbnail_placeholder = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  gtk_widget_add_css_class (self->thumbnail_placeholder, "dim-label");
  gtk_overlay_set_child (GTK_OVERLAY (self->thumbnail_frame), self->thumbnail_placeholder);

  self->thumbnail = gtk_picture_new ();
  gtk_picture_set_content_fit (GTK_PICTURE (self->thumbnail), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_visible (self->thumbnail, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->thumbnail_frame), self->thumbnail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thumbnail),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Result 1"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->thumbnail_frame);

  self->resume_button = new_icon_button ("view-refresh-symbolic", _("Resume"), "row.resume");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->resume_button);

  self->restore_button = new_icon_button ("edit-undo-symbolic", _("Restore Settings"),
                                          "row.restore");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->restore_button);

  self->menu_button = g_object_new (GTK_TYPE_MENU_BUTTON,
                                    "icon-name", "view-more-symbolic",
                                    "tooltip-text", _("More Options"),
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);
  variete_menu_button_set_menu_later (GTK_MENU_BUTTON (self->menu_button), build_menu, NULL);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Options"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->menu_button);
}
