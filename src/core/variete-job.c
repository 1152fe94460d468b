/* variete-job.c
 *
 * One artwork from request to files on disk, as a GObject a UI binds to: its state, the wait
 * before the next request, the last error, the saved results. What it does, step by step,
 * lives in variete-job-steps.c; its journal in variete-job-journal.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-job"

#include <glib/gi18n-lib.h>

#include "variete-job-private.h"
#include "variete-paths.h"

#define DEFAULT_RETRY_BUDGET_S (15 * 60)

G_DEFINE_FINAL_TYPE (VarieteJob, variete_job, G_TYPE_OBJECT)

G_DEFINE_QUARK (variete-job-error-quark, variete_job_error)

G_DEFINE_ENUM_TYPE (VarieteJobState, variete_job_state,
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_SUBMITTING, "submitting"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_PROCESSING, "processing"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_DOWNLOADING, "downloading"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_SAVING, "saving"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_SUCCEEDED, "succeeded"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_ABANDONED, "abandoned"),
  G_DEFINE_ENUM_VALUE (VARIETE_JOB_STATE_EXPIRED, "expired"))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_REQUEST,
  PROP_JOURNAL_DIR,
  PROP_OUTPUT_DIR,
  PROP_STATE,
  PROP_CAN_RETRY,
  PROP_ERROR,
  PROP_ARTWORK_ID,
  PROP_ARTWORK,
  PROP_STARTED_AT,
  PROP_NEXT_REQUEST_AT,
  PROP_RESULTS,
  PROP_JOURNAL_FILE,
  PROP_SOURCE_NAME,
  PROP_TIME_SCALE,
  PROP_RETRY_BUDGET,
  N_PROPS
};

enum {
  RESULT_SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* State */

/**
 * variete_job_state_to_string:
 * @state: a state
 *
 * Returns: the state's name as the journal stores it: "new", "submitting", … "expired"
 */
const char *
variete_job_state_to_string (VarieteJobState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VARIETE_TYPE_JOB_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value ? value->value_nick : "unknown";
}

/* Returns: the state named @string, or VARIETE_JOB_STATE_NEW when it is not a state */
VarieteJobState
variete_job_state_from_string (const char *string)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VARIETE_TYPE_JOB_STATE);
  GEnumValue *value = string ? g_enum_get_value_by_nick (klass, string) : NULL;

  return value ? (VarieteJobState) value->value : VARIETE_JOB_STATE_NEW;
}

/* Returns: whether a job in @state has stopped: nothing runs until retry() */
gboolean
variete_job_state_is_final (VarieteJobState state)
{
  return state == VARIETE_JOB_STATE_SUCCEEDED ||
         state == VARIETE_JOB_STATE_FAILED ||
         state == VARIETE_JOB_STATE_ABANDONED ||
         state == VARIETE_JOB_STATE_EXPIRED;
}

void
_variete_job_set_state (VarieteJob      *self,
                        VarieteJobState  state)
{
  gboolean could_retry;

  if (self->state == state)
    return;

  g_debug ("Job %s: %s → %s",
           self->artwork_id ? self->artwork_id : "(not created)",
           variete_job_state_to_string (self->state),
           variete_job_state_to_string (state));

  could_retry = variete_job_get_can_retry (self);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);

  if (could_retry != variete_job_get_can_retry (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_RETRY]);
}

/* Takes @error. */
void
_variete_job_set_error (VarieteJob *self,
                        GError     *error)
{
  gboolean could_retry;

  if (error == NULL && self->error == NULL)
    return;

  could_retry = variete_job_get_can_retry (self);
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);

  if (could_retry != variete_job_get_can_retry (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_RETRY]);
}

void
_variete_job_set_next_request_at (VarieteJob *self,
                                  gint64      next_request_at)
{
  if (self->next_request_at == next_request_at)
    return;

  self->next_request_at = next_request_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEXT_REQUEST_AT]);
}

/* Artwork */

void
_variete_job_set_artwork (VarieteJob     *self,
                          VarieteArtwork *artwork)
{
  GDateTime *created_at = variete_artwork_get_created_at (artwork);

  if (g_set_object (&self->artwork, artwork))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARTWORK]);

  if (self->artwork_id == NULL)
    {
      g_autofree char *safe_id = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      self->artwork_id = g_strdup (variete_artwork_get_id (artwork));
      safe_id = _variete_job_dup_safe_id (self->artwork_id);
      name = g_strconcat (safe_id, ".json", NULL);
      path = g_build_filename (self->journal_dir, name, NULL);
      self->journal_file = g_file_new_for_path (path);

      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARTWORK_ID]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_JOURNAL_FILE]);
    }

  if (created_at != NULL)
    {
      g_clear_pointer (&self->server_created_at, g_date_time_unref);
      self->server_created_at = g_date_time_ref (created_at);
    }

  self->status = variete_artwork_get_status (artwork);

  if (self->status == VARIETE_ARTWORK_STATUS_SUCCEEDED)
    {
      guint n_results = variete_artwork_get_n_results (artwork);

      g_strfreev (self->result_urls);
      self->result_urls = g_strdupv ((char **) variete_artwork_get_results (artwork));
      self->duration = variete_artwork_get_duration (artwork);

      /* Results already saved keep their place: the server lists them in a stable order. */
      while (self->saved->len > n_results)
        {
          if (g_ptr_array_index (self->saved, self->saved->len - 1) != NULL)
            g_list_store_remove (self->results,
                                 g_list_model_get_n_items (G_LIST_MODEL (self->results)) - 1);
          g_ptr_array_set_size (self->saved, self->saved->len - 1);
        }
      while (self->saved->len < n_results)
        g_ptr_array_add (self->saved, NULL);
    }
}

/* Records a result on disk: in the list, and with "result-saved" when @emit is set. */
void
_variete_job_add_saved_result (VarieteJob *self,
                               guint       index,
                               GFile      *file,
                               gboolean    emit)
{
  guint position = 0;

  g_return_if_fail (index < self->saved->len);

  if (g_ptr_array_index (self->saved, index) != NULL)
    return;

  for (guint i = 0; i < index; i++)
    {
      if (g_ptr_array_index (self->saved, i) != NULL)
        position++;
    }

  g_ptr_array_index (self->saved, index) = g_object_ref (file);
  g_list_store_insert (self->results, position, file);

  if (emit)
    g_signal_emit (self, signals [RESULT_SAVED], 0, index, file);
}

/* GObject */

static void
variete_job_constructed (GObject *object)
{
  VarieteJob *self = (VarieteJob *)object;

  G_OBJECT_CLASS (variete_job_parent_class)->constructed (object);

  g_assert (self->client != NULL);

  if (self->request == NULL)
    self->request = variete_request_new ();

  if (self->journal_dir == NULL)
    self->journal_dir = variete_paths_dup_jobs_dir ();

  if (self->output_dir == NULL)
    self->output_dir = variete_paths_dup_output_dir (NULL);
}

static void
variete_job_dispose (GObject *object)
{
  VarieteJob *self = (VarieteJob *)object;

  /* Every step in flight holds a reference, so only the timer and the folder watch can be
   * left here. */
  _variete_job_clear_timer (self);
  _variete_job_stop_watching_folder (self);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (variete_job_parent_class)->dispose (object);
}

static void
variete_job_finalize (GObject *object)
{
  VarieteJob *self = (VarieteJob *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->request);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->journal_dir, g_free);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_object (&self->journal_file);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->artwork_id, g_free);
  g_clear_object (&self->artwork);
  g_clear_pointer (&self->result_urls, g_strfreev);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->server_created_at, g_date_time_unref);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  g_clear_pointer (&self->downloads, g_ptr_array_unref);
  g_clear_object (&self->results);
  g_clear_object (&self->sidecar);
  g_clear_pointer (&self->journal_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->journal_next_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (variete_job_parent_class)->finalize (object);
}

static void
variete_job_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VarieteJob *self = VARIETE_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    case PROP_JOURNAL_DIR:
      g_value_set_string (value, self->journal_dir);
      break;

    case PROP_OUTPUT_DIR:
      g_value_set_string (value, self->output_dir);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CAN_RETRY:
      g_value_set_boolean (value, variete_job_get_can_retry (self));
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_ARTWORK_ID:
      g_value_set_string (value, self->artwork_id);
      break;

    case PROP_ARTWORK:
      g_value_set_object (value, self->artwork);
      break;

    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;

    case PROP_NEXT_REQUEST_AT:
      g_value_set_int64 (value, self->next_request_at);
      break;

    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;

    case PROP_JOURNAL_FILE:
      g_value_set_object (value, self->journal_file);
      break;

    case PROP_SOURCE_NAME:
      g_value_set_string (value, self->source_name);
      break;

    case PROP_TIME_SCALE:
      g_value_set_double (value, self->time_scale);
      break;

    case PROP_RETRY_BUDGET:
      g_value_set_uint (value, self->retry_budget);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_job_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VarieteJob *self = VARIETE_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_REQUEST:
      /* A copy: the form goes on editing its request while the job runs. */
      if (g_value_get_object (value) != NULL)
        self->request = variete_request_copy (g_value_get_object (value));
      break;

    case PROP_JOURNAL_DIR:
      self->journal_dir = g_value_dup_string (value);
      break;

    case PROP_OUTPUT_DIR:
      self->output_dir = g_value_dup_string (value);
      break;

    case PROP_SOURCE_NAME:
      variete_job_set_source_name (self, g_value_get_string (value));
      break;

    case PROP_TIME_SCALE:
      variete_job_set_time_scale (self, g_value_get_double (value));
      break;

    case PROP_RETRY_BUDGET:
      variete_job_set_retry_budget (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_job_class_init (VarieteJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = variete_job_constructed;
  object_class->dispose = variete_job_dispose;
  object_class->finalize = variete_job_finalize;
  object_class->get_property = variete_job_get_property;
  object_class->set_property = variete_job_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         VARIETE_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL,
                         VARIETE_TYPE_REQUEST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_JOURNAL_DIR] =
    g_param_spec_string ("journal-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OUTPUT_DIR] =
    g_param_spec_string ("output-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       VARIETE_TYPE_JOB_STATE,
                       VARIETE_JOB_STATE_NEW,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CAN_RETRY] =
    g_param_spec_boolean ("can-retry", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ARTWORK_ID] =
    g_param_spec_string ("artwork-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ARTWORK] =
    g_param_spec_object ("artwork", NULL, NULL,
                         VARIETE_TYPE_ARTWORK,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NEXT_REQUEST_AT] =
    g_param_spec_int64 ("next-request-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_JOURNAL_FILE] =
    g_param_spec_object ("journal-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SOURCE_NAME] =
    g_param_spec_string ("source-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TIME_SCALE] =
    g_param_spec_double ("time-scale", NULL, NULL,
                         0.0001, 1000.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RETRY_BUDGET] =
    g_param_spec_uint ("retry-budget", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_RETRY_BUDGET_S,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VarieteJob::result-saved:
   * @self: a #VarieteJob
   * @index: the position of the result in the artwork's results, from 0
   * @file: where it was saved
   *
   * A result is on disk (and in #VarieteJob:results). Emitted once per result, even across a
   * resume.
   */
  signals [RESULT_SAVED] =
    g_signal_new ("result-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_FILE);
}

static void
variete_job_init (VarieteJob *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->started_at = g_date_time_new_now_utc ();
  self->saved = g_ptr_array_new_with_free_func (unref_if_set);
  self->downloads = g_ptr_array_new_with_free_func (_variete_job_download_free);
  self->results = g_list_store_new (G_TYPE_FILE);
  self->time_scale = 1.0;
  self->retry_budget = DEFAULT_RETRY_BUDGET_S;
  self->journal_waiters = g_ptr_array_new ();
  self->journal_next_waiters = g_ptr_array_new ();
}

/* Public API */

/**
 * variete_job_new:
 * @client: the client to talk to the API with
 * @request: what to ask for; the job keeps a copy
 * @journal_dir: (nullable): where the journal goes, %NULL for variete_paths_dup_jobs_dir()
 * @output_dir: (nullable): where results go, %NULL for variete_paths_dup_output_dir()
 *
 * Returns: (transfer full): a new job, not started
 */
VarieteJob *
variete_job_new (VarieteClient  *client,
                 VarieteRequest *request,
                 const char     *journal_dir,
                 const char     *output_dir)
{
  g_return_val_if_fail (VARIETE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (VARIETE_IS_REQUEST (request), NULL);

  return g_object_new (VARIETE_TYPE_JOB,
                       "client", client,
                       "request", request,
                       "journal-dir", journal_dir,
                       "output-dir", output_dir,
                       NULL);
}

/**
 * variete_job_new_from_journal:
 * @client: the client to talk to the API with
 * @journal_file: a journal written by a job
 * @output_dir: (nullable): where the remaining results go, %NULL for where the job meant to put
 *   them
 * @error: return location for a %VARIETE_JOB_ERROR_JOURNAL error
 *
 * Reads a job back, as it was when its journal was last written. A job that had stopped comes
 * back in its final state and makes no request; any other comes back as
 * %VARIETE_JOB_STATE_NEW, and variete_job_start() resumes it: polling, or downloading the
 * results that are not saved yet. Reading is synchronous: journals are small, local files.
 *
 * Returns: (transfer full) (nullable): the job
 */
VarieteJob *
variete_job_new_from_journal (VarieteClient  *client,
                              GFile          *journal_file,
                              const char     *output_dir,
                              GError        **error)
{
  g_autoptr(VarieteJob) self = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *journal_dir = NULL;

  g_return_val_if_fail (VARIETE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_FILE (journal_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(contents = g_file_load_bytes (journal_file, NULL, NULL, &local_error)))
    {
      g_autofree char *name = g_file_get_parse_name (journal_file);

      g_set_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_JOURNAL,
                   _("The job record %s cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  parent = g_file_get_parent (journal_file);
  journal_dir = parent ? g_file_get_path (parent) : NULL;

  self = g_object_new (VARIETE_TYPE_JOB,
                       "client", client,
                       "journal-dir", journal_dir,
                       "output-dir", output_dir,
                       NULL);
  self->journal_file = g_object_ref (journal_file);

  if (!_variete_job_load_journal (self, contents, output_dir == NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (journal_file);

      g_set_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_JOURNAL,
                   _("The job record %s cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * variete_job_start:
 * @self: a #VarieteJob in %VARIETE_JOB_STATE_NEW
 *
 * Sends the request, or, for a job read back from its journal, resumes it.
 */
void
variete_job_start (VarieteJob *self)
{
  g_return_if_fail (VARIETE_IS_JOB (self));
  g_return_if_fail (self->state == VARIETE_JOB_STATE_NEW);

  _variete_job_run (self);
}

/**
 * variete_job_cancel:
 * @self: a #VarieteJob
 *
 * Stops the job here (the API has no cancel): polls and downloads are cancelled and the job
 * becomes %VARIETE_JOB_STATE_ABANDONED, which variete_job_retry() resumes while the server
 * still keeps the artwork. A create already sent still gets its answer, so that the artwork
 * it may have made is recorded; a result being written is still written. Does nothing once
 * the job has stopped, or while it writes the journal that makes it succeed.
 */
void
variete_job_cancel (VarieteJob *self)
{
  g_return_if_fail (VARIETE_IS_JOB (self));

  if (variete_job_state_is_final (self->state) || self->finishing)
    return;

  _variete_job_stop (self, VARIETE_JOB_STATE_ABANDONED, NULL);
}

/**
 * variete_job_retry:
 * @self: a #VarieteJob
 *
 * Goes on from where the job stopped, when #VarieteJob:can-retry says it may: the artist chose
 * Retry after a failure, or resumes an abandoned job. A create is sent again only when no
 * artwork id is known, which, after %VARIETE_JOB_ERROR_CREATE_UNCERTAIN, may cost credits
 * twice; that is why it takes this call. While the job is waiting, tries again now.
 */
void
variete_job_retry (VarieteJob *self)
{
  g_return_if_fail (VARIETE_IS_JOB (self));

  if (self->state == VARIETE_JOB_STATE_WAITING)
    {
      _variete_job_try_now (self);
      return;
    }

  g_return_if_fail (variete_job_get_can_retry (self));

  _variete_job_run (self);
}

VarieteJobState
variete_job_get_state (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), VARIETE_JOB_STATE_NEW);

  return self->state;
}

/* Returns: whether variete_job_retry() may help: the job was abandoned, or failed for a reason
 * that trying again can fix (not the server's own "failed" or "canceled", not a 400). */
gboolean
variete_job_get_can_retry (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), FALSE);

  if (self->state == VARIETE_JOB_STATE_ABANDONED)
    return TRUE;

  if (self->state != VARIETE_JOB_STATE_FAILED)
    return FALSE;

  return !g_error_matches (self->error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SERVER_FAILED) &&
         !g_error_matches (self->error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_SERVER_CANCELED) &&
         !g_error_matches (self->error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_NO_RESULTS) &&
         !g_error_matches (self->error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
}

/**
 * variete_job_get_error:
 * @self: a #VarieteJob
 *
 * Returns: (nullable) (transfer none): why the job failed or expired, or, while
 *   %VARIETE_JOB_STATE_WAITING, why it waits (%VARIETE_CLIENT_ERROR_RATE_LIMITED …)
 */
const GError *
variete_job_get_error (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->error;
}

/* Returns: (nullable): the artwork id, once the server gave one */
const char *
variete_job_get_artwork_id (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->artwork_id;
}

/* Returns: (nullable) (transfer none): the artwork as the server last described it */
VarieteArtwork *
variete_job_get_artwork (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->artwork;
}

/* Returns: (transfer none): the job's own copy of the request */
VarieteRequest *
variete_job_get_request (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->request;
}

VarieteClient *
variete_job_get_client (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->client;
}

/* Returns: (transfer none): when the job was made, kept across a resume */
GDateTime *
variete_job_get_started_at (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->started_at;
}

/* Returns: the monotonic time (g_get_monotonic_time()) of the next request, 0 for none */
gint64
variete_job_get_next_request_at (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), 0);

  return self->next_request_at;
}

/* Returns: how many milliseconds remain until the next request, 0 when none is scheduled */
gint64
variete_job_get_wait_ms (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), 0);

  if (self->next_request_at == 0)
    return 0;

  return MAX (0, (self->next_request_at - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND);
}

/* Returns: (transfer none): the saved results, a list of GFile, in the artwork's order */
GListModel *
variete_job_get_results (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return G_LIST_MODEL (self->results);
}

/* Returns: (nullable) (transfer none): the JSON sidecar, once written */
GFile *
variete_job_get_sidecar_file (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->sidecar;
}

/* Returns: (nullable) (transfer none): the journal, once the artwork id is known */
GFile *
variete_job_get_journal_file (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->journal_file;
}

const char *
variete_job_get_output_dir (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->output_dir;
}

/* Returns: (nullable): the file name of a local source, for the sidecar */
const char *
variete_job_get_source_name (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), NULL);

  return self->source_name;
}

/* Names the local file the source came from ("sketch.png"). A data: URL says nothing of it,
 * and the sidecar, which leaves the data out, names the file instead. */
void
variete_job_set_source_name (VarieteJob *self,
                             const char *source_name)
{
  g_return_if_fail (VARIETE_IS_JOB (self));

  if (g_strcmp0 (self->source_name, source_name) == 0)
    return;

  g_free (self->source_name);
  self->source_name = g_strdup (source_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_NAME]);
}

double
variete_job_get_time_scale (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), 1.0);

  return self->time_scale;
}

/* Multiplies every delay: poll intervals, backoff, Retry-After and the retry budget. 1.0 is
 * real time; tests use 0.01 so that a 2 s poll takes 20 ms. */
void
variete_job_set_time_scale (VarieteJob *self,
                            double      time_scale)
{
  g_return_if_fail (VARIETE_IS_JOB (self));
  g_return_if_fail (time_scale > 0.0);

  if (self->time_scale == time_scale)
    return;

  self->time_scale = time_scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIME_SCALE]);
}

guint
variete_job_get_retry_budget (VarieteJob *self)
{
  g_return_val_if_fail (VARIETE_IS_JOB (self), 0);

  return self->retry_budget;
}

/* Sets for how long, in seconds, failing requests are tried again before the job fails
 * (15 minutes by default). The clock starts at the first failure and stops at a success. */
void
variete_job_set_retry_budget (VarieteJob *self,
                              guint       seconds)
{
  g_return_if_fail (VARIETE_IS_JOB (self));

  if (self->retry_budget == seconds)
    return;

  self->retry_budget = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RETRY_BUDGET]);
}
