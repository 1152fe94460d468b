/* variete-library-files.c
 *
 * A library on disk: reading every journal back at start (resuming the unfinished jobs), and
 * deleting a job's journal and, if asked, its results and sidecar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-library"

#include "variete-job-private.h"
#include "variete-library-private.h"

/* How often a deletion looks whether a cancelled job has finished writing. */
#define QUIET_CHECK_MS 20
/* Deleting gives up waiting for a cancelled job after this long, and deletes anyway. */
#define QUIET_TIMEOUT_MS 30000

/* Loading */

typedef struct
{
  VarieteClient *client;
  char          *journal_dir;
  char          *output_dir;
  GPtrArray     *known;           /* GFile: journals of jobs already listed */
  gboolean       build_in_thread;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->journal_dir, g_free);
  g_clear_pointer (&data->output_dir, g_free);
  g_clear_pointer (&data->known, g_ptr_array_unref);
  g_free (data);
}

static gboolean
is_known (LoadData *data,
          GFile    *file)
{
  for (guint i = 0; i < data->known->len; i++)
    {
      if (g_file_equal (g_ptr_array_index (data->known, i), file))
        return TRUE;
    }

  return FALSE;
}

/* Lists the journals, and reads them when the jobs may be made on this thread: a job runs on
 * the thread-default main context of the thread that makes it, and worker threads have the
 * global default one. Returns a GPtrArray of VarieteJob, or of GFile to read on the caller's
 * thread. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GFile) dir = g_file_new_for_path (data->journal_dir);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable,
                                          &error);
  if (enumerator == NULL)
    {
      /* No folder yet: no job was ever journalled. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !g_str_has_suffix (g_file_info_get_name (info), ".json") ||
          is_known (data, child))
        continue;

      if (data->build_in_thread)
        {
          g_autoptr(GError) job_error = NULL;
          VarieteJob *job;

          job = variete_job_new_from_journal (data->client, child, data->output_dir, &job_error);
          if (job == NULL)
            {
              g_debug ("Skipping a job record: %s", job_error->message);
              continue;
            }
          g_ptr_array_add (found, job);
        }
      else
        {
          g_ptr_array_add (found, g_object_ref (child));
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void
load_thread_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VarieteLibrary *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  found = g_task_propagate_pointer (G_TASK (result), &error);
  if (found == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      gpointer item = g_ptr_array_index (found, i);

      if (VARIETE_IS_JOB (item))
        {
          g_ptr_array_add (jobs, g_object_ref (item));
        }
      else
        {
          g_autoptr(GError) job_error = NULL;
          VarieteJob *job;

          job = variete_job_new_from_journal (data->client, item, data->output_dir, &job_error);
          if (job == NULL)
            g_debug ("Skipping a job record: %s", job_error->message);
          else
            g_ptr_array_add (jobs, job);
        }
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      VarieteJob *job = g_ptr_array_index (jobs, i);
      GFile *journal = variete_job_get_journal_file (job);

      /* Submitted, or loaded, while this load read the folder. */
      if (journal != NULL && _variete_library_has_journal (self, journal))
        continue;

      variete_job_set_time_scale (job, self->time_scale);
      _variete_library_watch_job (self, job);
      g_list_store_insert_sorted (self->jobs, job, _variete_library_compare_jobs, NULL);
    }

  /* Started once every job is listed, so that "job-finished" always names a listed job. */
  for (guint i = 0; i < jobs->len; i++)
    {
      VarieteJob *job = g_ptr_array_index (jobs, i);

      if (_variete_library_find_job (self, job, NULL) &&
          variete_job_get_state (job) == VARIETE_JOB_STATE_NEW)
        variete_job_start (job);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * variete_library_load_async:
 * @self: a #VarieteLibrary
 * @client: (nullable): the client for the jobs read back, %NULL for the library's
 * @output_dir: (nullable): where unfinished jobs save their remaining results, %NULL for the
 *   folder each job meant to use
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the journals are read
 * @user_data: data for @callback
 *
 * Reads every journal in the journal folder off the main loop and lists its job. Jobs that had
 * stopped are only listed; the others are started, and go on polling and saving where they
 * left off. A journal that cannot be read is skipped.
 */
void
variete_library_load_async (VarieteLibrary      *self,
                            VarieteClient       *client,
                            const char          *output_dir,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  LoadData *data;
  guint n;

  g_return_if_fail (VARIETE_IS_LIBRARY (self));
  g_return_if_fail (client == NULL || VARIETE_IS_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (client == NULL)
    client = self->client;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_library_load_async);

  if (client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No client to load jobs with");
      return;
    }

  data = g_new0 (LoadData, 1);
  data->client = g_object_ref (client);
  data->journal_dir = g_strdup (self->journal_dir);
  data->output_dir = g_strdup (output_dir);
  data->known = g_ptr_array_new_with_free_func (g_object_unref);
  data->build_in_thread = context == g_main_context_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->jobs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VarieteJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i);
      GFile *journal = variete_job_get_journal_file (job);

      if (journal != NULL)
        g_ptr_array_add (data->known, g_object_ref (journal));
    }

  /* The thread's task shares the data; its callback finishes the caller's task. It holds no
   * library: the worker thread lets go of it a little after the callback ran. */
  thread_task = g_task_new (NULL, cancellable, load_thread_done_cb, g_object_ref (task));
  g_task_set_source_tag (thread_task, load_thread);
  g_task_set_task_data (thread_task, data, NULL);
  g_task_run_in_thread (thread_task, load_thread);
}

gboolean
variete_library_load_finish (VarieteLibrary  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deleting */

typedef struct
{
  VarieteJob *job;
  GPtrArray  *files;        /* GFile to delete: the journal, then results and sidecar */
  guint       waited_ms;
  GSource    *timer;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  if (data->timer != NULL)
    {
      g_source_destroy (data->timer);
      g_source_unref (data->timer);
    }
  g_clear_object (&data->job);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_free (data);
}

/* Whether a cancelled job has stopped writing: a create answer, a result and journal writes
 * run to their end after a cancel, and would bring files back after their deletion. */
static gboolean
job_is_quiet (VarieteJob *job)
{
  return job->pending == JOB_PENDING_NONE && !job->journal_writing && !job->journal_dirty;
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GPtrArray *files = task_data;

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;

      if (!g_file_delete (file, cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_thread_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Deletes the files on a worker thread, with a task of its own that holds no library. */
static void
run_delete_thread (GTask *task)
{
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GTask) thread_task = NULL;

  thread_task = g_task_new (NULL, g_task_get_cancellable (task), delete_thread_done_cb,
                            g_object_ref (task));
  g_task_set_source_tag (thread_task, delete_thread);
  g_task_set_task_data (thread_task, g_ptr_array_ref (data->files),
                        (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (thread_task, delete_thread);
}

static void
collect_files (DeleteData *data,
               gboolean    delete_files)
{
  GFile *journal = variete_job_get_journal_file (data->job);

  /* Read now rather than when the job went quiet: a result written meanwhile counts too. */
  g_ptr_array_set_size (data->files, 0);

  if (journal != NULL)
    g_ptr_array_add (data->files, g_object_ref (journal));

  if (delete_files)
    {
      GListModel *results = variete_job_get_results (data->job);
      guint n = g_list_model_get_n_items (results);
      GFile *sidecar = variete_job_get_sidecar_file (data->job);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (data->files, g_list_model_get_item (results, i));

      if (sidecar != NULL)
        g_ptr_array_add (data->files, g_object_ref (sidecar));
    }
}

static gboolean
delete_when_quiet_cb (gpointer user_data)
{
  GTask *task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  gboolean delete_files = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "delete-files"));

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  if (!job_is_quiet (data->job) && data->waited_ms < QUIET_TIMEOUT_MS)
    {
      data->waited_ms += QUIET_CHECK_MS;
      return G_SOURCE_CONTINUE;
    }

  g_clear_pointer (&data->timer, g_source_unref);
  collect_files (data, delete_files);
  run_delete_thread (task);

  return G_SOURCE_REMOVE;
}

/**
 * variete_library_delete_async:
 * @self: a #VarieteLibrary
 * @job: a job of @self
 * @delete_files: whether to delete the saved results and their sidecar too
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the files are gone
 * @user_data: data for @callback
 *
 * Removes @job from the list at once, cancels it if it runs, then deletes its journal and, with
 * @delete_files, its results and sidecar. Cancelling leaves the job out of the list and its
 * files where they were.
 */
void
variete_library_delete_async (VarieteLibrary      *self,
                              VarieteJob          *job,
                              gboolean             delete_files,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *data;
  Watch *watch;
  guint position;

  g_return_if_fail (VARIETE_IS_LIBRARY (self));
  g_return_if_fail (VARIETE_IS_JOB (job));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_library_delete_async);

  if (!_variete_library_find_job (self, job, &position))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "The job is not in this library");
      return;
    }

  data = g_new0 (DeleteData, 1);
  data->job = g_object_ref (job);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);
  g_object_set_data (G_OBJECT (task), "delete-files", GINT_TO_POINTER (!!delete_files));

  /* Not watched any more: a deleted job does not announce that it stopped. */
  if ((watch = g_hash_table_lookup (self->watched, job)) != NULL)
    {
      _variete_library_unwatch_job (job, watch, NULL);
      g_hash_table_remove (self->watched, job);
    }
  g_list_store_remove (self->jobs, position);

  variete_job_cancel (job);

  if (job_is_quiet (job))
    {
      collect_files (data, delete_files);
      run_delete_thread (task);
      return;
    }

  data->timer = g_timeout_source_new (QUIET_CHECK_MS);
  g_source_set_callback (data->timer, delete_when_quiet_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (data->timer, "[variete] library delete");
  g_source_attach (data->timer, g_task_get_context (task));
}

gboolean
variete_library_delete_finish (VarieteLibrary  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (VARIETE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
