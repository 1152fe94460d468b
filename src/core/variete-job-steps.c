/* variete-job-steps.c
 *
 * How a job moves: submit → journal → poll (backoff, Retry-After) → download → save → done
 * (DESIGN.md, How data flows). One step runs at a time; step() looks at what the job knows
 * and does what comes next. The create is not idempotent (API.md, Errors), so it is re-sent
 * on its own only when the server certainly did not take it.
 *
 * Every step in flight holds a reference on the job, so no callback meets a finalized job;
 * the timer between steps holds none, and dispose() removes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-job"

#include <glib/gi18n-lib.h>

#include "variete-job-private.h"

/* Poll every 2 s at first; the interval then grows with the time spent polling (elapsed / 15,
 * so 2 s up to 30 s, 4 s at one minute) up to 10 s. */
#define POLL_MIN_MS 2000
#define POLL_MAX_MS 10000
#define POLL_RAMP_DIVISOR 15

/* Failed requests are tried again after 2, 4, 8 … s (± 20 %), at most 60 s apart, or after the
 * server's Retry-After, but never sooner than 1 s. */
#define BACKOFF_BASE_MS 2000
#define BACKOFF_MAX_MS 60000
#define BACKOFF_JITTER 0.2
#define RETRY_AFTER_MIN_MS 1000

/* A result that could not be written (a full, read-only or missing folder) is kept in memory
 * and written again every 30 s, or 1 s after something changes in the folder, for as long as
 * it takes: freeing space is the artist's to do, and nothing is lost by waiting. */
#define SAVE_RETRY_MS 30000
#define SAVE_RETRY_MIN_MS 1000

/* A download in flight: the job, held, and which result. */
typedef struct
{
  VarieteJob *self;
  guint       index;
} DownloadOp;

static void step           (VarieteJob *self);
static void send_get       (VarieteJob *self);
static void schedule_step  (VarieteJob *self,
                            gint64      delay_ms);

static void
download_op_free (DownloadOp *op)
{
  g_object_unref (op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DownloadOp, download_op_free)

static VarieteJobState
state_for_status (VarieteArtworkStatus status)
{
  switch (status)
    {
    case VARIETE_ARTWORK_STATUS_STARTING:
      return VARIETE_JOB_STATE_QUEUED;

    case VARIETE_ARTWORK_STATUS_SUCCEEDED:
      return VARIETE_JOB_STATE_DOWNLOADING;

    case VARIETE_ARTWORK_STATUS_UNKNOWN:
    case VARIETE_ARTWORK_STATUS_PROCESSING:
    case VARIETE_ARTWORK_STATUS_FAILED:
    case VARIETE_ARTWORK_STATUS_CANCELED:
    default:
      return VARIETE_JOB_STATE_PROCESSING;
    }
}

void
_variete_job_download_free (gpointer data)
{
  JobDownload *download = data;

  if (download == NULL)
    return;

  g_bytes_unref (download->bytes);
  g_free (download->content_type);
  g_free (download);
}

static JobDownload *
get_download (VarieteJob *self,
              guint       index)
{
  return index < self->downloads->len ? g_ptr_array_index (self->downloads, index) : NULL;
}

static void
keep_download (VarieteJob *self,
               guint       index,
               GBytes     *bytes,
               const char *content_type)
{
  JobDownload *download = g_new0 (JobDownload, 1);

  download->bytes = g_bytes_ref (bytes);
  download->content_type = g_strdup (content_type);

  if (self->downloads->len <= index)
    g_ptr_array_set_size (self->downloads, index + 1);

  _variete_job_download_free (g_ptr_array_index (self->downloads, index));
  g_ptr_array_index (self->downloads, index) = download;
}

static void
forget_download (VarieteJob *self,
                 guint       index)
{
  if (index >= self->downloads->len)
    return;

  _variete_job_download_free (g_ptr_array_index (self->downloads, index));
  g_ptr_array_index (self->downloads, index) = NULL;
}

void
_variete_job_stop_watching_folder (VarieteJob *self)
{
  if (self->folder_monitor == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->folder_monitor, self);
  g_file_monitor_cancel (self->folder_monitor);
  g_clear_object (&self->folder_monitor);
}

void
_variete_job_clear_timer (VarieteJob *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
new_run (VarieteJob *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  g_set_object (&self->cancellable, NULL);
  self->cancellable = g_cancellable_new ();
  self->failing_since = 0;
  self->n_failures = 0;
  self->polling_since = 0;
}

/* Stops everything that can be stopped and settles in a final @state. Takes @error. */
void
_variete_job_stop (VarieteJob      *self,
                   VarieteJobState  state,
                   GError          *error)
{
  g_assert (variete_job_state_is_final (state));

  _variete_job_clear_timer (self);
  _variete_job_stop_watching_folder (self);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  _variete_job_set_next_request_at (self, 0);
  _variete_job_set_error (self, error);
  _variete_job_set_state (self, state);
  g_object_thaw_notify (G_OBJECT (self));

  if (self->artwork_id != NULL)
    _variete_job_save_journal (self, NULL);
}

static int
first_unsaved_result (VarieteJob *self)
{
  for (guint i = 0; i < self->saved->len; i++)
    {
      if (g_ptr_array_index (self->saved, i) == NULL)
        return (int) i;
    }

  return -1;
}

/* Timing */

static gint64
scale_ms (VarieteJob *self,
          gint64      ms)
{
  return (gint64) (ms * self->time_scale);
}

/* The timer holds no reference: dispose() removes it. */
static gboolean
timer_cb (gpointer user_data)
{
  VarieteJob *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  step (self);

  return G_SOURCE_REMOVE;
}

/* Runs step() after @delay_ms, scaled by "time-scale". */
static void
schedule_step (VarieteJob *self,
               gint64      delay_ms)
{
  gint64 scaled = CLAMP (scale_ms (self, delay_ms), 0, G_MAXUINT);

  _variete_job_clear_timer (self);

  self->timer = g_timeout_source_new ((guint) scaled);
  g_source_set_callback (self->timer, timer_cb, self, NULL);
  g_source_set_static_name (self->timer, "[variete] job step");
  g_source_attach (self->timer, self->context);

  _variete_job_set_next_request_at (self,
                                    g_get_monotonic_time () + scaled * G_TIME_SPAN_MILLISECOND);
}

static void
schedule_poll (VarieteJob *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed_ms;

  if (self->polling_since == 0)
    self->polling_since = now;

  elapsed_ms = (gint64) ((now - self->polling_since) / G_TIME_SPAN_MILLISECOND / self->time_scale);

  schedule_step (self, CLAMP (elapsed_ms / POLL_RAMP_DIVISOR, POLL_MIN_MS, POLL_MAX_MS));
}

static gint64
backoff_ms (guint n_failures)
{
  gint64 delay = (gint64) BACKOFF_BASE_MS << MIN (n_failures - 1, 10);

  delay = MIN (delay, BACKOFF_MAX_MS);
  delay = (gint64) (delay * g_random_double_range (1.0 - BACKOFF_JITTER, 1.0 + BACKOFF_JITTER));

  return MIN (delay, BACKOFF_MAX_MS);
}

static GError *
new_gave_up_error (VarieteJob   *self,
                   const GError *last)
{
  guint budget = self->retry_budget;
  const char *reason = last->message;

  if (g_error_matches (last, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_LINK_REFUSED))
    reason = _("The server kept refusing the links to download the results, fresh ones too. "
               "The artwork is still on Tengr.ai: choose Retry to try again.");

  if (budget >= 120)
    return g_error_new (VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_GAVE_UP,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Variete stopped trying after %u minute. %s",
                                     "Variete stopped trying after %u minutes. %s",
                                     budget / 60),
                        budget / 60, reason);

  return g_error_new (VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_GAVE_UP,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "Variete stopped trying after %u second. %s",
                                   "Variete stopped trying after %u seconds. %s",
                                   budget),
                      budget, reason);
}

/* A request failed in a way that may go away: wait and try again, as long as the budget lasts.
 * Takes @error. */
static void
retry_later (VarieteJob *self,
             GError     *error)
{
  gint64 now = g_get_monotonic_time ();
  gint64 retry_after = variete_client_error_get_retry_after_ms (error);
  gint64 budget_us = (gint64) (self->retry_budget * self->time_scale * G_USEC_PER_SEC);
  gint64 delay_ms;

  if (self->failing_since == 0)
    self->failing_since = now;
  self->n_failures++;

  if (retry_after >= 0)
    delay_ms = MAX (retry_after, RETRY_AFTER_MIN_MS);
  else
    delay_ms = backoff_ms (self->n_failures);

  g_debug ("Job %s: %s; try %u again in %" G_GINT64_FORMAT " ms",
           self->artwork_id ? self->artwork_id : "(not created)",
           error->message, self->n_failures + 1, delay_ms);

  if (now - self->failing_since + scale_ms (self, delay_ms) * G_TIME_SPAN_MILLISECOND > budget_us)
    {
      _variete_job_stop (self, VARIETE_JOB_STATE_FAILED, new_gave_up_error (self, error));
      g_error_free (error);
      return;
    }

  /* Notified together, so that a UI sees the reason and the time with the state. */
  g_object_freeze_notify (G_OBJECT (self));
  _variete_job_set_error (self, error);
  schedule_step (self, delay_ms);
  _variete_job_set_state (self, VARIETE_JOB_STATE_WAITING);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
request_succeeded (VarieteJob *self)
{
  self->failing_since = 0;
  self->n_failures = 0;
  _variete_job_set_error (self, NULL);
}

/* GET and download errors: 404 means the artwork is gone, 400/401/403 need the artist, an
 * insecure address will not get better by waiting; a refused result link means fresh links
 * are needed, and the rest is retried. Takes @error. */
static void
handle_request_error (VarieteJob *self,
                      GError     *error)
{
  if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_LINK_REFUSED))
    {
      self->links_stale = TRUE;
      retry_later (self, error);
    }
  else if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_FOUND))
    _variete_job_stop (self, VARIETE_JOB_STATE_EXPIRED, error);
  else if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST) ||
           g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED) ||
           g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_FORBIDDEN) ||
           g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE))
    _variete_job_stop (self, VARIETE_JOB_STATE_FAILED, error);
  else
    retry_later (self, error);
}

/* Finish: the last journal write, then SUCCEEDED */

static void
finished_cb (VarieteJob *self)
{
  self->pending = JOB_PENDING_NONE;
  self->finishing = FALSE;

  if (variete_job_state_is_final (self->state))
    return;

  g_clear_object (&self->cancellable);
  _variete_job_set_next_request_at (self, 0);
  _variete_job_set_error (self, NULL);
  _variete_job_set_state (self, VARIETE_JOB_STATE_SUCCEEDED);
}

static void
finish (VarieteJob *self)
{
  /* The journal is written as "succeeded" before the state says so (see build_journal()). */
  self->pending = JOB_PENDING_JOURNAL;
  self->finishing = TRUE;
  _variete_job_save_journal (self, finished_cb);
}

/* Saving */

static void
folder_event_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  VarieteJob *self = user_data;
  g_autofree char *name = g_file_get_basename (file);
  gint64 soon;

  /* Our own tries come and go in there too. */
  if (name != NULL && g_str_has_prefix (name, VARIETE_JOB_TEMP_PREFIX))
    return;

  if (self->state != VARIETE_JOB_STATE_WAITING || self->timer == NULL)
    return;

  soon = g_get_monotonic_time () + scale_ms (self, SAVE_RETRY_MIN_MS) * G_TIME_SPAN_MILLISECOND;
  if (self->next_request_at > soon)
    schedule_step (self, SAVE_RETRY_MIN_MS);
}

/* A write failed: wait until the folder can take it. Takes @error. */
static void
wait_for_folder (VarieteJob *self,
                 GError     *error)
{
  g_debug ("Job %s: %s; saving again later", self->artwork_id, error->message);

  if (self->folder_monitor == NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (self->output_dir);

      self->folder_monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES,
                                                       NULL, NULL);
      if (self->folder_monitor != NULL)
        g_signal_connect (self->folder_monitor, "changed", G_CALLBACK (folder_event_cb), self);
    }

  g_object_freeze_notify (G_OBJECT (self));
  _variete_job_set_error (self, error);
  schedule_step (self, SAVE_RETRY_MS);
  _variete_job_set_state (self, VARIETE_JOB_STATE_WAITING);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sidecar_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VarieteJob) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = _variete_job_save_finish (result, NULL, &error);
  self->pending = JOB_PENDING_NONE;

  if (file != NULL)
    g_set_object (&self->sidecar, file);

  if (variete_job_state_is_final (self->state))
    {
      _variete_job_save_journal (self, NULL);
      return;
    }

  if (file == NULL)
    {
      wait_for_folder (self, g_steal_pointer (&error));
      return;
    }

  _variete_job_stop_watching_folder (self);
  step (self);
}

static void
save_sidecar (VarieteJob *self)
{
  _variete_job_set_state (self, VARIETE_JOB_STATE_SAVING);
  self->pending = JOB_PENDING_SAVE;
  _variete_job_save_sidecar_async (self, sidecar_saved_cb, NULL);
}

static void
result_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VarieteJob) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint index = 0;

  file = _variete_job_save_finish (result, &index, &error);
  self->pending = JOB_PENDING_NONE;

  if (file != NULL)
    {
      forget_download (self, index);
      _variete_job_add_saved_result (self, index, file, TRUE);
      _variete_job_save_journal (self, NULL);
    }

  /* Cancelled while writing: the result is kept, on disk or in memory, and nothing more is
   * done. */
  if (variete_job_state_is_final (self->state))
    return;

  if (file == NULL)
    {
      wait_for_folder (self, g_steal_pointer (&error));
      return;
    }

  _variete_job_stop_watching_folder (self);
  step (self);
}

static void
save_result (VarieteJob *self,
             guint       index)
{
  JobDownload *download = get_download (self, index);

  g_assert (download != NULL);

  _variete_job_set_state (self, VARIETE_JOB_STATE_SAVING);
  self->pending = JOB_PENDING_SAVE;
  _variete_job_save_result_async (self, index, download->bytes, download->content_type,
                                  result_saved_cb, NULL);
}

/* Download */

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VarieteClient *client = VARIETE_CLIENT (object);
  g_autoptr(DownloadOp) op = user_data;
  VarieteJob *self = op->self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;

  bytes = variete_client_download_finish (client, result, &content_type, &error);

  /* Kept until it is on disk, even when the job was stopped meanwhile: a retry saves it
   * without fetching it again. */
  if (bytes != NULL)
    keep_download (self, op->index, bytes, content_type);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      variete_job_state_is_final (self->state))
    return;

  if (bytes == NULL)
    {
      handle_request_error (self, g_steal_pointer (&error));
      return;
    }

  request_succeeded (self);
  save_result (self, op->index);
}

static void
download (VarieteJob *self,
          guint       index)
{
  DownloadOp *op = g_new0 (DownloadOp, 1);

  op->self = g_object_ref (self);
  op->index = index;

  if (self->state != VARIETE_JOB_STATE_WAITING)
    _variete_job_set_state (self, VARIETE_JOB_STATE_DOWNLOADING);

  variete_client_download_async (self->client,
                                 self->result_urls[index],
                                 self->cancellable,
                                 downloaded_cb,
                                 op);
}

/* Poll */

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VarieteClient *client = VARIETE_CLIENT (object);
  g_autoptr(VarieteJob) self = user_data;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;
  VarieteArtworkStatus old_status;

  artwork = variete_client_get_finish (client, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      variete_job_state_is_final (self->state))
    return;

  if (artwork != NULL && g_strcmp0 (variete_artwork_get_id (artwork), self->artwork_id) != 0)
    {
      g_clear_object (&artwork);
      error = g_error_new_literal (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                                   _("The server answered with another artwork. "
                                     "Try again later."));
    }

  if (artwork == NULL)
    {
      handle_request_error (self, g_steal_pointer (&error));
      return;
    }

  /* Fresh links are not yet a download that worked: the retry budget keeps running. */
  if (self->links_stale)
    _variete_job_set_error (self, NULL);
  else
    request_succeeded (self);

  old_status = self->status;
  _variete_job_set_artwork (self, artwork);

  switch (self->status)
    {
    case VARIETE_ARTWORK_STATUS_FAILED:
      _variete_job_stop (self, VARIETE_JOB_STATE_FAILED,
            g_error_new_literal (VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SERVER_FAILED,
                                 _("Tengr.ai could not make this artwork. Try another source "
                                   "image or other settings.")));
      break;

    case VARIETE_ARTWORK_STATUS_CANCELED:
      _variete_job_stop (self, VARIETE_JOB_STATE_FAILED,
            g_error_new_literal (VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SERVER_CANCELED,
                                 _("Tengr.ai cancelled this artwork. Generate it again if "
                                   "you still want it.")));
      break;

    case VARIETE_ARTWORK_STATUS_SUCCEEDED:
      if (self->saved->len == 0)
        {
          _variete_job_stop (self, VARIETE_JOB_STATE_FAILED,
                g_error_new_literal (VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_NO_RESULTS,
                                     _("Tengr.ai finished this artwork without any image. "
                                       "Generate it again.")));
          break;
        }

      self->links_stale = FALSE;
      _variete_job_set_state (self, VARIETE_JOB_STATE_DOWNLOADING);
      _variete_job_save_journal (self, NULL);
      step (self);
      break;

    case VARIETE_ARTWORK_STATUS_UNKNOWN:
    case VARIETE_ARTWORK_STATUS_STARTING:
    case VARIETE_ARTWORK_STATUS_PROCESSING:
    default:
      _variete_job_set_state (self, state_for_status (self->status));
      if (old_status != self->status)
        _variete_job_save_journal (self, NULL);
      schedule_poll (self);
      break;
    }
}

static void
send_get (VarieteJob *self)
{
  variete_client_get_async (self->client,
                            self->artwork_id,
                            self->cancellable,
                            fetched_cb,
                            g_object_ref (self));
}

/* Create */

/* Whether the server certainly did not take a create that failed with @error. */
static gboolean
create_error_is_certain (const GError *error)
{
  if (error->domain != VARIETE_CLIENT_ERROR)
    return FALSE;

  switch (error->code)
    {
    case VARIETE_CLIENT_ERROR_NOT_SENT:
    case VARIETE_CLIENT_ERROR_RATE_LIMITED:
    case VARIETE_CLIENT_ERROR_BAD_REQUEST:
    case VARIETE_CLIENT_ERROR_UNAUTHORIZED:
    case VARIETE_CLIENT_ERROR_FORBIDDEN:
    case VARIETE_CLIENT_ERROR_NOT_FOUND:
    case VARIETE_CLIENT_ERROR_INSECURE:
      return TRUE;

    case VARIETE_CLIENT_ERROR_NETWORK:
    case VARIETE_CLIENT_ERROR_SERVER:
    case VARIETE_CLIENT_ERROR_PROTOCOL:
    default:
      return FALSE;
    }
}

static GError *
new_create_uncertain_error (const GError *error)
{
  return g_error_new (VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_CREATE_UNCERTAIN,
                      _("The answer to the request was lost, so Tengr.ai may have taken the "
                        "job anyway and charged its credits. Choose Retry only if you want to "
                        "send it again. (%s)"),
                      error->message);
}

/* Returns: (transfer full) (nullable): for a 400 about "imageUrl" when the source went inline
 * as a data: URL, which the live server likely refuses (API.md, Source image), an error that
 * says what to do instead; %NULL for any other error */
static GError *
new_inline_source_refused_error (VarieteJob   *self,
                                 const GError *error)
{
  const char *source = variete_request_get_source_url (self->request);
  const char *reasons;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;

  if (!g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST) ||
      source == NULL || !g_str_has_prefix (source, "data:") ||
      strstr (error->message, "imageUrl") == NULL)
    return NULL;

  /* The server's own words, after the first line, on one line. */
  reasons = strchr (error->message, '\n');
  lines = g_strsplit (reasons ? reasons + 1 : error->message, "\n", -1);
  joined = g_strjoinv ("; ", lines);

  /* Translators: "Image host" is the group in Preferences where an S3-compatible image host is
   * set up; %s is what the server said, e.g. "imageUrl must be a URL address". */
  return g_error_new (VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST,
                      _("Tengr.ai does not take an image sent straight from this computer "
                        "(“%s”). Put it on an image host (Preferences › Image host) or use "
                        "the web address (https://…) of the image instead."),
                      joined);
}

static void
create_journaled_cb (VarieteJob *self)
{
  self->pending = JOB_PENDING_NONE;

  if (variete_job_state_is_final (self->state))
    return;

  _variete_job_set_state (self, state_for_status (self->status));

  if (self->status == VARIETE_ARTWORK_STATUS_STARTING ||
      self->status == VARIETE_ARTWORK_STATUS_PROCESSING ||
      self->status == VARIETE_ARTWORK_STATUS_UNKNOWN)
    schedule_poll (self);
  else
    send_get (self);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VarieteClient *client = VARIETE_CLIENT (object);
  g_autoptr(VarieteJob) self = user_data;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GError) error = NULL;
  GError *inline_error;

  artwork = variete_client_create_finish (client, result, &error);
  self->pending = JOB_PENDING_NONE;

  if (artwork != NULL)
    {
      _variete_job_set_artwork (self, artwork);

      /* Cancelled while the create was under way: keep the id, so that the job can be resumed
       * from the journal, but go no further. */
      if (variete_job_state_is_final (self->state))
        {
          _variete_job_save_journal (self, NULL);
          return;
        }

      request_succeeded (self);
      _variete_job_set_state (self, VARIETE_JOB_STATE_SUBMITTING);

      /* The first poll waits for the journal: from now on a crash loses nothing. */
      self->pending = JOB_PENDING_JOURNAL;
      _variete_job_save_journal (self, create_journaled_cb);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (variete_job_state_is_final (self->state))
    {
      if (!create_error_is_certain (error))
        _variete_job_set_error (self, new_create_uncertain_error (error));
      return;
    }

  if ((inline_error = new_inline_source_refused_error (self, error)) != NULL)
    _variete_job_stop (self, VARIETE_JOB_STATE_FAILED, inline_error);
  else if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_SENT) ||
           g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED))
    retry_later (self, g_steal_pointer (&error));
  else if (create_error_is_certain (error))
    _variete_job_stop (self, VARIETE_JOB_STATE_FAILED, g_steal_pointer (&error));
  else
    _variete_job_stop (self, VARIETE_JOB_STATE_FAILED, new_create_uncertain_error (error));
}

static void
send_create (VarieteJob *self)
{
  g_autoptr(JsonNode) body = variete_request_to_json (self->request);

  if (self->state != VARIETE_JOB_STATE_WAITING)
    _variete_job_set_state (self, VARIETE_JOB_STATE_SUBMITTING);

  /* No cancellable: once sent, the create runs to its end even when the job is cancelled,
   * because its answer carries the id of something the artist may be paying for. */
  self->pending = JOB_PENDING_CREATE;
  variete_client_create_async (self->client, body, NULL, created_cb, g_object_ref (self));
}

/* Does what comes next, now. */
static void
step (VarieteJob *self)
{
  int index;

  g_assert (self->pending == JOB_PENDING_NONE);
  g_assert (!variete_job_state_is_final (self->state));

  _variete_job_clear_timer (self);
  _variete_job_set_next_request_at (self, 0);

  if (self->artwork_id == NULL)
    {
      send_create (self);
      return;
    }

  if (self->status != VARIETE_ARTWORK_STATUS_SUCCEEDED || self->saved->len == 0)
    {
      send_get (self);
      return;
    }

  if ((index = first_unsaved_result (self)) >= 0 && get_download (self, (guint) index) != NULL)
    save_result (self, (guint) index);
  else if (index >= 0 && self->links_stale)
    send_get (self);
  else if (index >= 0)
    download (self, (guint) index);
  else if (self->sidecar == NULL)
    save_sidecar (self);
  else
    finish (self);
}

/* Starts, or resumes, from whatever the job knows. After a cancel, a step that outlived it
 * (a create, a journal write, a result being written) may still be under way: its
 * continuation goes on from there. */
void
_variete_job_run (VarieteJob *self)
{
  new_run (self);
  _variete_job_set_error (self, NULL);

  if (self->pending != JOB_PENDING_NONE)
    {
      _variete_job_set_state (self, self->pending == JOB_PENDING_SAVE
                                      ? VARIETE_JOB_STATE_SAVING
                                      : VARIETE_JOB_STATE_SUBMITTING);
      return;
    }

  if (self->artwork_id == NULL)
    {
      _variete_job_set_state (self, VARIETE_JOB_STATE_SUBMITTING);
    }
  else
    {
      _variete_job_set_state (self, state_for_status (self->status));
      _variete_job_save_journal (self, NULL);
    }

  step (self);
}

/* While WAITING: tries again now rather than when the timer says. */
void
_variete_job_try_now (VarieteJob *self)
{
  if (self->state == VARIETE_JOB_STATE_WAITING && self->timer != NULL)
    step (self);
}
