/* variete-history-window.c
 *
 * The jobs of a library, newest first: restore one's settings, resume one that stopped, open
 * its folder, or delete it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-history-row.h"
#include "variete-history-window.h"

/* Ages ("5 minutes ago") are refreshed this often. */
#define REFRESH_SECONDS 30

struct _VarieteHistoryWindow
{
  AdwWindow        parent_instance;

  GCancellable    *cancellable;
  VarieteLibrary  *library;
  guint            refresh_id;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkButton       *more_button;

  /* The newest jobs only, a page at a time: a list box makes a row for every item at once. */
  GtkSliceListModel *shown_jobs;
  /* How many rows the pages asked for so far; the slice grows towards it a few rows a frame,
   * so that opening the window or a page never holds the main loop for all of them at once. */
  guint              wanted_rows;
  guint              fill_tick_id;
  guint              fill_idle_id;
};

#define PAGE_SIZE 30
/* Most of what the window's first frame shows; the rest follow a chunk a frame. */
#define FIRST_ROWS 4
#define FILL_CHUNK 4

G_DEFINE_FINAL_TYPE (VarieteHistoryWindow, variete_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  RESTORE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update_page (VarieteHistoryWindow *self)
{
  GListModel *jobs = variete_library_get_jobs (self->library);
  guint n_jobs = g_list_model_get_n_items (jobs);

  gtk_stack_set_visible_child_name (self->stack, n_jobs > 0 ? "list" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), n_jobs > self->wanted_rows);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  VarieteHistoryWindow *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown_jobs);

  self->fill_idle_id = 0;
  gtk_slice_list_model_set_size (self->shown_jobs, MIN (size + FILL_CHUNK, self->wanted_rows));

  return G_SOURCE_REMOVE;
}

/* One chunk of rows a frame, made between frames: neither the making nor the frame that lays
 * the new rows out and paints them holds the main loop for long. */
static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  VarieteHistoryWindow *self = VARIETE_HISTORY_WINDOW (widget);

  if (gtk_slice_list_model_get_size (self->shown_jobs) >= self->wanted_rows)
    {
      self->fill_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Below the redraw priority: it runs once this frame is painted. */
  if (self->fill_idle_id == 0)
    self->fill_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_idle_cb, self, NULL);

  return G_SOURCE_CONTINUE;
}

static void
fill_later (VarieteHistoryWindow *self)
{
  if (self->fill_tick_id == 0 &&
      gtk_slice_list_model_get_size (self->shown_jobs) < self->wanted_rows)
    self->fill_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_tick_cb, NULL, NULL);
}

static void
more_clicked_cb (VarieteHistoryWindow *self)
{
  self->wanted_rows += PAGE_SIZE;
  fill_later (self);
  update_page (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  VarieteHistoryWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (VARIETE_IS_HISTORY_ROW (child))
        variete_history_row_update (VARIETE_HISTORY_ROW (child), now);
    }

  return G_SOURCE_CONTINUE;
}

/* Deleting */

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VarieteHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!variete_library_delete_finish (VARIETE_LIBRARY (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf (_("Some files could not be deleted: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  VarieteHistoryWindow *self = parent ? VARIETE_HISTORY_WINDOW (parent) : NULL;
  VarieteJob *job = g_object_get_data (G_OBJECT (dialog), "variete-job");
  GtkWidget *check = adw_message_dialog_get_extra_child (dialog);
  gboolean delete_files;

  if (g_strcmp0 (response, "delete") != 0 || job == NULL || self == NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  delete_files = GTK_IS_CHECK_BUTTON (check) &&
                 gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
  variete_library_delete_async (self->library, job, delete_files, self->cancellable,
                                deleted_cb, g_object_ref (self));
}

static void
row_delete_cb (VarieteHistoryWindow *self,
               VarieteHistoryRow    *row)
{
  VarieteJob *job = variete_history_row_get_job (row);
  guint n_results = g_list_model_get_n_items (variete_job_get_results (job));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete This Job?"),
                                                       _("It leaves the history and cannot be "
                                                         "resumed. Tengr.ai deletes the artwork "
                                                         "itself after 8 days.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  if (n_results > 0)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (
        g_dngettext (GETTEXT_PACKAGE,
                     "Also delete the _saved image",
                     "Also delete the _saved images",
                     n_results));

      gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
      adw_message_dialog_set_extra_child (dialog, check);
    }

  g_object_set_data_full (G_OBJECT (dialog), "variete-job", g_object_ref (job), g_object_unref);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_restore_cb (VarieteHistoryWindow *self,
                VarieteRequest       *request,
                VarieteHistoryRow    *row)
{
  g_signal_emit (self, signals [RESTORE], 0, request);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  VarieteHistoryWindow *self = user_data;
  GtkWidget *row = variete_history_row_new (VARIETE_JOB (item));

  g_signal_connect_object (row, "restore", G_CALLBACK (row_restore_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete", G_CALLBACK (row_delete_cb), self, G_CONNECT_SWAPPED);

  return row;
}

/* Public API */

/* Returns: (transfer full): a window listing the jobs of @library */
VarieteHistoryWindow *
variete_history_window_new (VarieteLibrary *library)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (library), NULL);

  return g_object_new (VARIETE_TYPE_HISTORY_WINDOW,
                       "library", library,
                       NULL);
}

VarieteLibrary *
variete_history_window_get_library (VarieteHistoryWindow *self)
{
  g_return_val_if_fail (VARIETE_IS_HISTORY_WINDOW (self), NULL);

  return self->library;
}

/* GObject */

static void
variete_history_window_constructed (GObject *object)
{
  VarieteHistoryWindow *self = VARIETE_HISTORY_WINDOW (object);
  GListModel *jobs;

  G_OBJECT_CLASS (variete_history_window_parent_class)->constructed (object);

  g_assert (self->library != NULL);

  jobs = variete_library_get_jobs (self->library);
  self->wanted_rows = PAGE_SIZE;
  self->shown_jobs = gtk_slice_list_model_new (g_object_ref (jobs), 0, FIRST_ROWS);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->shown_jobs), create_row, self, NULL);
  g_signal_connect_object (jobs, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  update_page (self);
  fill_later (self);

  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
variete_history_window_dispose (GObject *object)
{
  VarieteHistoryWindow *self = VARIETE_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->fill_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick_id);
  self->fill_tick_id = 0;
  g_clear_handle_id (&self->fill_idle_id, g_source_remove);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (variete_history_window_parent_class)->dispose (object);
}

static void
variete_history_window_finalize (GObject *object)
{
  VarieteHistoryWindow *self = VARIETE_HISTORY_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->shown_jobs);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (variete_history_window_parent_class)->finalize (object);
}

static void
variete_history_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VarieteHistoryWindow *self = VARIETE_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_history_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  VarieteHistoryWindow *self = VARIETE_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_history_window_class_init (VarieteHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = variete_history_window_constructed;
  object_class->dispose = variete_history_window_dispose;
  object_class->finalize = variete_history_window_finalize;
  object_class->get_property = variete_history_window_get_property;
  object_class->set_property = variete_history_window_set_property;

  properties [PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         VARIETE_TYPE_LIBRARY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VarieteHistoryWindow::restore:
   * @self: a #VarieteHistoryWindow
   * @request: the job's request; it belongs to the job, so copy it
   *
   * The artist wants a past job's settings back in the form.
   */
  signals [RESTORE] =
    g_signal_new ("restore",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, VARIETE_TYPE_REQUEST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VarieteHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VarieteHistoryWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteHistoryWindow, more_button);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
variete_history_window_init (VarieteHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}
