/* variete-results-view.c
 *
 * The moment that matters: the source and its results side by side, filling in as each result
 * is saved, and what the job is doing in words an artist understands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "variete-compare-window.h"
#include "variete-launcher.h"
#include "variete-library.h"
#include "variete-result-tile.h"
#include "variete-results-view.h"

struct _VarieteResultsView
{
  AdwBin             parent_instance;

  GCancellable      *cancellable;
  VarieteJob        *job;
  GdkPaintable      *source;
  char              *source_label;
  char              *status;
  guint              tick_id;

  GtkWidget         *source_tile;
  GPtrArray         *result_tiles;     /* VarieteResultTile, one per result */

  GtkBox            *tiles_box;
  GtkBox            *status_box;
  GtkSpinner        *status_spinner;
  GtkImage          *status_icon;
  GtkLabel          *status_label;
};

G_DEFINE_FINAL_TYPE (VarieteResultsView, variete_results_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOB,
  PROP_SOURCE,
  PROP_STATUS,
  N_PROPS
};

enum {
  USE_AS_SOURCE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Status */

/* "0:12", "12:04", "1:02:03" */
static char *
format_elapsed (gint64 seconds)
{
  seconds = MAX (seconds, 0);

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static gint64
get_elapsed_seconds (VarieteJob *job)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_difference (now, variete_job_get_started_at (job)) / G_TIME_SPAN_SECOND;
}

/* Why a job waits before its next request, in words. */
static char *
dup_waiting_text (VarieteJob *job)
{
  const GError *error = variete_job_get_error (job);
  int seconds = (int) ((variete_job_get_wait_ms (job) + 999) / 1000);

  /* The wait is over and the request is under way again. */
  if (variete_job_get_next_request_at (job) == 0)
    return g_strdup (_("Trying again…"));

  seconds = MAX (seconds, 1);

  if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED))
    return g_strdup_printf (_("Waiting %d s: the server asked us to slow down"), seconds);

  if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_SERVER))
    return g_strdup_printf (_("Waiting %d s: the server had a problem"), seconds);

  if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NETWORK) ||
      g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_SENT))
    return g_strdup_printf (_("Waiting %d s: connection lost, trying again"), seconds);

  if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_LINK_REFUSED))
    return g_strdup_printf (_("Waiting %d s: the download link was refused, getting fresh ones"),
                            seconds);

  /* Translators: %s says why the results could not be saved and that it happens on its own */
  if (g_error_matches (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SAVE))
    return g_strdup_printf (_("%s Next try in %d s."), error->message, seconds);

  if (error != NULL)
    return g_strdup_printf (_("Waiting %d s: %s"), seconds, error->message);

  return g_strdup_printf (_("Waiting %d s"), seconds);
}

/* The folder the results went to, as an artist reads it: "~/Pictures/Variete". */
static char *
dup_folder_display_name (const char *path)
{
  const char *home = g_get_home_dir ();
  g_autofree char *display = g_filename_display_name (path);

  if (home != NULL && g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + strlen (home));

      return g_strconcat ("~", rest, NULL);
    }

  return g_steal_pointer (&display);
}

static char *
dup_result_folder (VarieteJob *job)
{
  GListModel *results = variete_job_get_results (job);

  if (g_list_model_get_n_items (results) > 0)
    {
      g_autoptr(GFile) file = g_list_model_get_item (results, 0);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      char *path = parent ? g_file_get_path (parent) : NULL;

      if (path != NULL)
        return path;
    }

  return g_strdup (variete_job_get_output_dir (job));
}

static gboolean
tick_cb (gpointer user_data);

static void
update_status (VarieteResultsView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  const char *icon_name = NULL;
  const char *style = NULL;
  gboolean running = FALSE;
  gboolean ticking = FALSE;

  if (self->job == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_box), FALSE);
      gtk_spinner_stop (self->status_spinner);
      g_clear_handle_id (&self->tick_id, g_source_remove);
      if (self->status != NULL)
        {
          g_clear_pointer (&self->status, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
        }
      return;
    }

  switch (variete_job_get_state (self->job))
    {
    case VARIETE_JOB_STATE_NEW:
    case VARIETE_JOB_STATE_SUBMITTING:
      text = g_strdup (_("Sending…"));
      running = TRUE;
      break;

    case VARIETE_JOB_STATE_QUEUED:
      text = g_strdup (_("Waiting in the queue"));
      running = TRUE;
      break;

    case VARIETE_JOB_STATE_PROCESSING:
      {
        g_autofree char *elapsed = format_elapsed (get_elapsed_seconds (self->job));

        /* Translators: the time since the job was sent, as "0:12" */
        text = g_strdup_printf (_("Processing — %s"), elapsed);
        running = ticking = TRUE;
      }
      break;

    case VARIETE_JOB_STATE_WAITING:
      text = dup_waiting_text (self->job);
      running = ticking = TRUE;
      break;

    case VARIETE_JOB_STATE_DOWNLOADING:
      text = g_strdup (_("Downloading results…"));
      running = TRUE;
      break;

    case VARIETE_JOB_STATE_SAVING:
      text = g_strdup (_("Saving…"));
      running = TRUE;
      break;

    case VARIETE_JOB_STATE_SUCCEEDED:
      {
        g_autofree char *folder = dup_result_folder (self->job);
        g_autofree char *display = dup_folder_display_name (folder);
        g_autofree char *uri = g_filename_to_uri (folder, NULL, NULL);
        g_autofree char *link = NULL;

        text = g_strdup_printf (_("Done — saved to %s"), display);
        link = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", uri ? uri : "", display);
        /* Translators: %s is a link to the folder */
        markup = g_strdup_printf (_("Done — saved to %s"), link);
        icon_name = "object-select-symbolic";
        style = "status-success";
      }
      break;

    case VARIETE_JOB_STATE_FAILED:
      {
        const GError *error = variete_job_get_error (self->job);

        text = g_strdup (error ? error->message : _("The job failed."));
        icon_name = "dialog-warning-symbolic";
        style = "status-error";
      }
      break;

    case VARIETE_JOB_STATE_ABANDONED:
      text = g_strdup (_("Stopped. Resume it from History while the server keeps it."));
      icon_name = "media-playback-pause-symbolic";
      break;

    case VARIETE_JOB_STATE_EXPIRED:
      text = g_strdup (_("The server has deleted this artwork: it keeps them for 8 days."));
      icon_name = "dialog-warning-symbolic";
      style = "status-warning";
      break;

    default:
      g_assert_not_reached ();
    }

  if (markup == NULL)
    markup = g_markup_escape_text (text, -1);

  gtk_label_set_markup (self->status_label, markup);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "status-success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "status-error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "status-warning");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_box), style);

  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), running);
  if (running)
    gtk_spinner_start (self->status_spinner);
  else
    gtk_spinner_stop (self->status_spinner);

  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon_name != NULL);
  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->status_box), TRUE);

  if (ticking && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  else if (!ticking)
    g_clear_handle_id (&self->tick_id, g_source_remove);

  if (g_strcmp0 (self->status, text) != 0)
    {
      g_free (self->status);
      self->status = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  VarieteResultsView *self = user_data;

  update_status (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
status_link_activated_cb (VarieteResultsView *self,
                          const char         *uri,
                          GtkLabel           *label)
{
  GListModel *results;
  g_autoptr(GFile) first = NULL;

  if (self->job == NULL)
    return FALSE;

  /* Show the first result selected in its folder rather than only the folder. */
  results = variete_job_get_results (self->job);
  if ((first = g_list_model_get_item (results, 0)) == NULL)
    return FALSE;

  variete_launcher_show_file_async (GTK_WIDGET (self), first, self->cancellable, NULL, NULL);

  return TRUE;
}

/* Tiles */

static double
get_request_ratio (VarieteJob *job)
{
  VarieteRequest *request = variete_job_get_request (job);
  const char *aspect = variete_request_get_aspect_ratio (request);
  int a = 0, b = 0;

  if (g_strcmp0 (variete_request_get_size_mode (request), VARIETE_SIZE_MODE_CUSTOM) == 0 &&
      variete_request_get_width (request) > 0 && variete_request_get_height (request) > 0)
    return (double) variete_request_get_width (request) / variete_request_get_height (request);

  if (aspect != NULL && sscanf (aspect, "%d:%d", &a, &b) == 2 && a > 0 && b > 0)
    return (double) a / b;

  return 1.0;
}

static void
tile_activated_cb (VarieteResultsView *self,
                   VarieteResultTile  *tile)
{
  VarieteCompareWindow *window;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (variete_result_tile_get_file (tile) == NULL)
    return;

  window = variete_compare_window_new (self->source,
                                       variete_result_tile_get_paintable (tile),
                                       variete_result_tile_get_file (tile),
                                       variete_result_tile_get_title (tile));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
      gtk_window_set_application (GTK_WINDOW (window),
                                  gtk_window_get_application (GTK_WINDOW (root)));
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
tile_use_as_source_cb (VarieteResultsView *self,
                       const char         *url,
                       GFile              *file,
                       VarieteResultTile  *tile)
{
  g_signal_emit (self, signals [USE_AS_SOURCE], 0, url, file);
}

static GtkWidget *
add_result_tile (VarieteResultsView *self)
{
  GtkWidget *tile = variete_result_tile_new (TRUE);
  g_autofree char *title = g_strdup_printf (_("Result %u"), self->result_tiles->len + 1);

  variete_result_tile_set_title (VARIETE_RESULT_TILE (tile), title);
  g_signal_connect_object (tile, "activate", G_CALLBACK (tile_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tile, "use-as-source", G_CALLBACK (tile_use_as_source_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->tiles_box, tile);
  g_ptr_array_add (self->result_tiles, tile);

  return tile;
}

static void
remove_last_result_tile (VarieteResultsView *self)
{
  GtkWidget *tile = g_ptr_array_steal_index (self->result_tiles, self->result_tiles->len - 1);

  gtk_box_remove (self->tiles_box, tile);
}

/* One tile per result the job has or will have: a spinner until the result is saved. A job
 * that stopped without results shows none. */
static void
sync_tiles (VarieteResultsView *self)
{
  guint n_results = 0;
  gboolean final = FALSE;
  double ratio = 1.0;

  if (self->job != NULL)
    {
      final = variete_job_state_is_final (variete_job_get_state (self->job));
      n_results = variete_library_get_n_results (self->job);
      ratio = get_request_ratio (self->job);

      if (final && g_list_model_get_n_items (variete_job_get_results (self->job)) == 0)
        n_results = 0;
    }

  while (self->result_tiles->len > n_results)
    remove_last_result_tile (self);
  while (self->result_tiles->len < n_results)
    add_result_tile (self);

  for (guint i = 0; i < n_results; i++)
    {
      VarieteResultTile *tile = g_ptr_array_index (self->result_tiles, i);
      GFile *file = variete_library_get_saved_result (self->job, i);

      variete_result_tile_set_aspect_ratio (tile, ratio);
      variete_result_tile_set_url (tile, variete_library_get_result_url (self->job, i));
      variete_result_tile_set_file (tile, file);
      variete_result_tile_set_busy (tile, file == NULL && !final);
      if (file == NULL)
        variete_result_tile_set_paintable (tile, NULL);
    }

  gtk_widget_set_visible (self->source_tile, self->source != NULL || self->source_label != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tiles_box),
                          gtk_widget_get_visible (self->source_tile) || n_results > 0);
}

static void
job_state_changed_cb (VarieteResultsView *self)
{
  sync_tiles (self);
  update_status (self);
}

/* Public API */

GtkWidget *
variete_results_view_new (void)
{
  return g_object_new (VARIETE_TYPE_RESULTS_VIEW, NULL);
}

/* Returns: (nullable) (transfer none): the job shown */
VarieteJob *
variete_results_view_get_job (VarieteResultsView *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULTS_VIEW (self), NULL);

  return self->job;
}

/**
 * variete_results_view_set_job:
 * @self: a #VarieteResultsView
 * @job: (nullable): the job to show
 *
 * Shows @job: a tile per result, filled in as each is saved, and its state in words.
 */
void
variete_results_view_set_job (VarieteResultsView *self,
                              VarieteJob         *job)
{
  g_return_if_fail (VARIETE_IS_RESULTS_VIEW (self));
  g_return_if_fail (job == NULL || VARIETE_IS_JOB (job));

  if (self->job == job)
    return;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);

  g_set_object (&self->job, job);

  if (job != NULL)
    {
      g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::error", G_CALLBACK (update_status), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::next-request-at", G_CALLBACK (update_status), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::artwork", G_CALLBACK (sync_tiles), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "result-saved", G_CALLBACK (sync_tiles), self,
                               G_CONNECT_SWAPPED);
    }

  /* A new job starts from fresh tiles: nothing of the last one lingers. */
  while (self->result_tiles->len > 0)
    remove_last_result_tile (self);

  sync_tiles (self);
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_JOB]);
}

/**
 * variete_results_view_set_source:
 * @self: a #VarieteResultsView
 * @source_thumbnail: (nullable): the source image
 * @label: (nullable): what the source is called, such as its file name
 *
 * Sets the source shown before the results, and compared with them.
 */
void
variete_results_view_set_source (VarieteResultsView *self,
                                 GdkPaintable       *source_thumbnail,
                                 const char         *label)
{
  g_return_if_fail (VARIETE_IS_RESULTS_VIEW (self));
  g_return_if_fail (source_thumbnail == NULL || GDK_IS_PAINTABLE (source_thumbnail));

  if (g_set_object (&self->source, source_thumbnail))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);

  g_free (self->source_label);
  self->source_label = g_strdup (label);

  variete_result_tile_set_paintable (VARIETE_RESULT_TILE (self->source_tile), source_thumbnail);
  variete_result_tile_set_subtitle (VARIETE_RESULT_TILE (self->source_tile), label);
  sync_tiles (self);
}

/* Returns: (nullable) (transfer none): the source image */
GdkPaintable *
variete_results_view_get_source (VarieteResultsView *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULTS_VIEW (self), NULL);

  return self->source;
}

/* Returns: (nullable): the status line as plain text, %NULL without a job */
const char *
variete_results_view_get_status (VarieteResultsView *self)
{
  g_return_val_if_fail (VARIETE_IS_RESULTS_VIEW (self), NULL);

  return self->status;
}

/* GObject */

static void
variete_results_view_dispose (GObject *object)
{
  VarieteResultsView *self = VARIETE_RESULTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);

  if (self->result_tiles != NULL)
    g_ptr_array_set_size (self->result_tiles, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), VARIETE_TYPE_RESULTS_VIEW);

  G_OBJECT_CLASS (variete_results_view_parent_class)->dispose (object);
}

static void
variete_results_view_finalize (GObject *object)
{
  VarieteResultsView *self = VARIETE_RESULTS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->source);
  g_clear_pointer (&self->source_label, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->result_tiles, g_ptr_array_unref);

  G_OBJECT_CLASS (variete_results_view_parent_class)->finalize (object);
}

static void
variete_results_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VarieteResultsView *self = VARIETE_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_results_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VarieteResultsView *self = VARIETE_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      variete_results_view_set_job (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_results_view_class_init (VarieteResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = variete_results_view_dispose;
  object_class->finalize = variete_results_view_finalize;
  object_class->get_property = variete_results_view_get_property;
  object_class->set_property = variete_results_view_set_property;

  properties [PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL,
                         VARIETE_TYPE_JOB,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         GDK_TYPE_PAINTABLE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VarieteResultsView::use-as-source:
   * @self: a #VarieteResultsView
   * @url: the result's address on the server: send it as imageUrl, as it is
   * @file: (nullable): the result saved on disk
   *
   * The artist wants this result as the next source.
   */
  signals [USE_AS_SOURCE] =
    g_signal_new ("use-as-source",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/variete/Variete/ui/variete-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VarieteResultsView, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteResultsView, status_box);
  gtk_widget_class_bind_template_child (widget_class, VarieteResultsView, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, VarieteResultsView, status_icon);
  gtk_widget_class_bind_template_child (widget_class, VarieteResultsView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, status_link_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "resultsview");
}

static void
variete_results_view_init (VarieteResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->result_tiles = g_ptr_array_new ();

  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "numeric");
  /* GTK 4.8's GtkBox measures a wrapping label beside an icon one pixel taller for a given
   * width than for none, which it then reports as an error; a floor above both hides it. */
  gtk_widget_set_size_request (GTK_WIDGET (self->status_box), -1, 24);

  self->source_tile = variete_result_tile_new (FALSE);
  variete_result_tile_set_title (VARIETE_RESULT_TILE (self->source_tile), _("Source"));
  gtk_widget_set_visible (self->source_tile, FALSE);
  gtk_box_append (self->tiles_box, self->source_tile);

  sync_tiles (self);
}
