/* variete-library.c
 *
 * Every job the app knows about, newest first: those submitted in this run and those read back
 * from their journals at start, unfinished ones resumed so that nothing is lost (DESIGN.md,
 * "Nothing is lost").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-library"

#include <glib/gi18n-lib.h>

#include "variete-job-private.h"
#include "variete-library-private.h"
#include "variete-paths.h"

G_DEFINE_FINAL_TYPE (VarieteLibrary, variete_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_JOURNAL_DIR,
  PROP_CLIENT,
  PROP_TIME_SCALE,
  N_PROPS
};

enum {
  JOB_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Watching jobs */

static void
job_state_changed_cb (VarieteJob     *job,
                      GParamSpec     *pspec,
                      VarieteLibrary *self)
{
  Watch *watch = g_hash_table_lookup (self->watched, job);
  gboolean final = variete_job_state_is_final (variete_job_get_state (job));

  g_assert (watch != NULL);

  if (final == watch->final)
    return;

  watch->final = final;

  if (final)
    g_signal_emit (self, signals [JOB_FINISHED], 0, job);
}

void
_variete_library_watch_job (VarieteLibrary *self,
                            VarieteJob     *job)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->final = variete_job_state_is_final (variete_job_get_state (job));
  watch->state_handler = g_signal_connect (job, "notify::state",
                                           G_CALLBACK (job_state_changed_cb), self);
  g_hash_table_insert (self->watched, g_object_ref (job), watch);
}

void
_variete_library_unwatch_job (gpointer key,
                              gpointer value,
                              gpointer user_data)
{
  VarieteJob *job = key;
  Watch *watch = value;

  g_clear_signal_handler (&watch->state_handler, job);
}

gboolean
_variete_library_find_job (VarieteLibrary *self,
                           VarieteJob     *job,
                           guint          *position)
{
  return g_list_store_find (self->jobs, job, position);
}

gboolean
_variete_library_has_journal (VarieteLibrary *self,
                              GFile          *journal_file)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VarieteJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);
      GFile *file = variete_job_get_journal_file (job);

      if (file != NULL && g_file_equal (file, journal_file))
        return TRUE;
    }

  return FALSE;
}

/* Newest first. */
int
_variete_library_compare_jobs (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  GDateTime *started_a = variete_job_get_started_at ((VarieteJob *) a);
  GDateTime *started_b = variete_job_get_started_at ((VarieteJob *) b);

  return g_date_time_compare (started_b, started_a);
}

/* Public API */

/**
 * variete_library_new:
 * @journal_dir: (nullable): where jobs keep their journals, %NULL for
 *   variete_paths_dup_jobs_dir()
 *
 * Returns: (transfer full): a new, empty library; variete_library_load_async() reads the
 *   journals already there
 */
VarieteLibrary *
variete_library_new (const char *journal_dir)
{
  return g_object_new (VARIETE_TYPE_LIBRARY,
                       "journal-dir", journal_dir,
                       NULL);
}

const char *
variete_library_get_journal_dir (VarieteLibrary *self)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), NULL);

  return self->journal_dir;
}

/* Returns: (transfer none): the jobs, a list of VarieteJob, newest first */
GListModel *
variete_library_get_jobs (VarieteLibrary *self)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->jobs);
}

/* Returns: (nullable) (transfer none): the client for jobs started from now on */
VarieteClient *
variete_library_get_client (VarieteLibrary *self)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), NULL);

  return self->client;
}

/**
 * variete_library_set_client:
 * @self: a #VarieteLibrary
 * @client: (nullable): the client to use from now on
 *
 * The key or the base URL changed. Jobs submitted or loaded later use @client; a job already
 * made keeps the client it was made with (VarieteJob's client cannot be replaced), so to reach
 * a new server with an old job, delete it and generate again.
 */
void
variete_library_set_client (VarieteLibrary *self,
                            VarieteClient  *client)
{
  g_return_if_fail (VARIETE_IS_LIBRARY (self));
  g_return_if_fail (client == NULL || VARIETE_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
}

double
variete_library_get_time_scale (VarieteLibrary *self)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), 1.0);

  return self->time_scale;
}

/* Sets the time scale of the jobs submitted or loaded from now on (see
 * variete_job_set_time_scale()); tests use it to poll quickly. */
void
variete_library_set_time_scale (VarieteLibrary *self,
                                double          time_scale)
{
  g_return_if_fail (VARIETE_IS_LIBRARY (self));
  g_return_if_fail (time_scale > 0.0);

  if (self->time_scale == time_scale)
    return;

  self->time_scale = time_scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIME_SCALE]);
}

/**
 * variete_library_submit:
 * @self: a #VarieteLibrary
 * @client: (nullable): the client to send with, %NULL for the library's
 * @request: what to ask for; the job keeps a copy
 * @output_dir: (nullable): where the results go, %NULL for the default folder
 * @source_name: (nullable): the file name of a local source, for the sidecar
 *
 * Makes a job, lists it first and starts it.
 *
 * Returns: (transfer none): the job
 */
VarieteJob *
variete_library_submit (VarieteLibrary *self,
                        VarieteClient  *client,
                        VarieteRequest *request,
                        const char     *output_dir,
                        const char     *source_name)
{
  g_autoptr(VarieteJob) job = NULL;

  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (client == NULL || VARIETE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (VARIETE_IS_REQUEST (request), NULL);

  if (client == NULL)
    client = self->client;

  g_return_val_if_fail (client != NULL, NULL);

  job = variete_job_new (client, request, self->journal_dir, output_dir);
  variete_job_set_time_scale (job, self->time_scale);
  if (source_name != NULL)
    variete_job_set_source_name (job, source_name);

  _variete_library_watch_job (self, job);
  g_list_store_insert (self->jobs, 0, job);
  variete_job_start (job);

  return job;
}

/* Times */

/**
 * variete_library_dup_created_at:
 * @job: a #VarieteJob
 *
 * Returns: (transfer full): when the server made the artwork, as it said, or when the job
 *   started when it has not said
 */
GDateTime *
variete_library_dup_created_at (VarieteJob *job)
{
  VarieteArtwork *artwork;

  g_return_val_if_fail (VARIETE_IS_JOB (job), NULL);

  if (job->server_created_at != NULL)
    return g_date_time_ref (job->server_created_at);

  artwork = variete_job_get_artwork (job);
  if (artwork != NULL && variete_artwork_get_created_at (artwork) != NULL)
    return g_date_time_ref (variete_artwork_get_created_at (artwork));

  return g_date_time_ref (variete_job_get_started_at (job));
}

/**
 * variete_library_days_left:
 * @job: a #VarieteJob
 * @now: (nullable): the current time, %NULL for now
 *
 * Returns: how many days, rounded up, the server still keeps the artwork (it deletes it
 *   VARIETE_LIBRARY_RETENTION_DAYS after creating it); 0 once it is past
 */
int
variete_library_days_left (VarieteJob *job,
                           GDateTime  *now)
{
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) deleted_at = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan left;

  g_return_val_if_fail (VARIETE_IS_JOB (job), 0);

  if (variete_job_get_state (job) == VARIETE_JOB_STATE_EXPIRED)
    return 0;

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  created_at = variete_library_dup_created_at (job);
  deleted_at = g_date_time_add_days (created_at, VARIETE_LIBRARY_RETENTION_DAYS);
  left = g_date_time_difference (deleted_at, now);

  if (left <= 0)
    return 0;

  return (int) ((left + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
}

/**
 * variete_library_get_result_url:
 * @job: a #VarieteJob
 * @index: the position of a result, from 0
 *
 * Returns: (nullable): the address of result @index on the server, also for a job read back
 *   from its journal; %NULL when the job has no such result
 */
const char *
variete_library_get_result_url (VarieteJob *job,
                                guint       index)
{
  g_return_val_if_fail (VARIETE_IS_JOB (job), NULL);

  if (job->result_urls == NULL || index >= g_strv_length (job->result_urls))
    return NULL;

  return job->result_urls[index];
}

/* Returns: how many results the job has or will have: as many as the server listed, else as
 * many as were asked for */
guint
variete_library_get_n_results (VarieteJob *job)
{
  g_return_val_if_fail (VARIETE_IS_JOB (job), 0);

  if (job->result_urls != NULL)
    return g_strv_length (job->result_urls);

  return (guint) MAX (variete_request_get_batch (variete_job_get_request (job)), 1);
}

/**
 * variete_library_get_saved_result:
 * @job: a #VarieteJob
 * @index: the position of a result, from 0
 *
 * Returns: (nullable) (transfer none): where result @index was saved, %NULL while it is not
 */
GFile *
variete_library_get_saved_result (VarieteJob *job,
                                  guint       index)
{
  g_return_val_if_fail (VARIETE_IS_JOB (job), NULL);

  if (index >= job->saved->len)
    return NULL;

  return g_ptr_array_index (job->saved, index);
}

/* GObject */

static void
variete_library_dispose (GObject *object)
{
  VarieteLibrary *self = (VarieteLibrary *)object;

  if (self->watched != NULL)
    {
      g_hash_table_foreach (self->watched, _variete_library_unwatch_job, NULL);
      g_hash_table_remove_all (self->watched);
    }

  if (self->jobs != NULL)
    g_list_store_remove_all (self->jobs);

  G_OBJECT_CLASS (variete_library_parent_class)->dispose (object);
}

static void
variete_library_finalize (GObject *object)
{
  VarieteLibrary *self = (VarieteLibrary *)object;

  g_clear_pointer (&self->journal_dir, g_free);
  g_clear_object (&self->client);
  g_clear_object (&self->jobs);
  g_clear_pointer (&self->watched, g_hash_table_unref);

  G_OBJECT_CLASS (variete_library_parent_class)->finalize (object);
}

static void
variete_library_constructed (GObject *object)
{
  VarieteLibrary *self = (VarieteLibrary *)object;

  G_OBJECT_CLASS (variete_library_parent_class)->constructed (object);

  if (self->journal_dir == NULL)
    self->journal_dir = variete_paths_dup_jobs_dir ();
}

static void
variete_library_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VarieteLibrary *self = VARIETE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_JOURNAL_DIR:
      g_value_set_string (value, self->journal_dir);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_TIME_SCALE:
      g_value_set_double (value, self->time_scale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_library_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VarieteLibrary *self = VARIETE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_JOURNAL_DIR:
      self->journal_dir = g_value_dup_string (value);
      break;

    case PROP_CLIENT:
      variete_library_set_client (self, g_value_get_object (value));
      break;

    case PROP_TIME_SCALE:
      variete_library_set_time_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_library_class_init (VarieteLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = variete_library_constructed;
  object_class->dispose = variete_library_dispose;
  object_class->finalize = variete_library_finalize;
  object_class->get_property = variete_library_get_property;
  object_class->set_property = variete_library_set_property;

  properties [PROP_JOURNAL_DIR] =
    g_param_spec_string ("journal-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         VARIETE_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TIME_SCALE] =
    g_param_spec_double ("time-scale", NULL, NULL,
                         0.0001, 1000.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VarieteLibrary::job-finished:
   * @self: a #VarieteLibrary
   * @job: the job that stopped
   *
   * A listed job reached a final state: succeeded, failed, abandoned or expired.
   */
  signals [JOB_FINISHED] =
    g_signal_new ("job-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, VARIETE_TYPE_JOB);
}

static void
variete_library_init (VarieteLibrary *self)
{
  self->jobs = g_list_store_new (VARIETE_TYPE_JOB);
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->time_scale = 1.0;
}
