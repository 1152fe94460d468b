/* variete-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "variete-application.h"
#include "variete-fake-server.h"
#include "variete-paths.h"
#include "variete-preferences-window.h"
#include "variete-secret.h"
#include "variete-window.h"

struct _VarieteApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  GCancellable       *cancellable;
  VarieteFakeServer  *demo_server;
  VarieteLibrary     *library;
  VarieteLibrary     *demo_library;
  char               *demo_journal_dir;
  gboolean            library_loaded;
  /* Held in memory only; the keyring (or VARIETE_API_KEY) is where it lives. */
  char               *api_key;
  VarieteConnection   connection;
};

G_DEFINE_FINAL_TYPE (VarieteApplication, variete_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

VarieteApplication *
variete_application_new (void)
{
  return g_object_new (VARIETE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/variete/Variete",
                       NULL);
}

GSettings *
variete_application_get_settings (VarieteApplication *self)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), NULL);

  return self->settings;
}

VarieteConnection
variete_application_get_connection (VarieteApplication *self)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), VARIETE_CONNECTION_NONE);

  return self->connection;
}

char *
variete_application_dup_output_dir (VarieteApplication *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), NULL);

  /* Simulated results stay out of the artist's folder; they go with the demo. */
  if (self->connection == VARIETE_CONNECTION_DEMO && self->demo_journal_dir != NULL)
    return g_build_filename (self->demo_journal_dir, "results", NULL);

  configured = g_settings_get_string (self->settings, "output-dir");
  return variete_paths_dup_output_dir (configured);
}

/* Jobs of the demo live apart from real ones: they must never be resumed against the real API. */
VarieteLibrary *
variete_application_get_library (VarieteApplication *self)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), NULL);

  if (self->connection == VARIETE_CONNECTION_DEMO && self->demo_library != NULL)
    return self->demo_library;

  return self->library;
}

/* The newest job resumed at start is shown in the main window, not only in History. */
static void
show_resumed_job (VarieteApplication *self,
                  VarieteLibrary     *library)
{
  GListModel *jobs = variete_library_get_jobs (library);
  g_autoptr(VarieteJob) resumed = NULL;

  for (guint i = 0; resumed == NULL && i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(VarieteJob) job = g_list_model_get_item (jobs, i);

      if (!variete_job_state_is_final (variete_job_get_state (job)))
        resumed = g_steal_pointer (&job);
    }

  if (resumed == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (VARIETE_IS_WINDOW (l->data))
      variete_window_show_resumed_job (l->data, resumed);
}

static void
library_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VarieteApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!variete_library_load_finish (VARIETE_LIBRARY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not read every past job: %s", error->message);
    }

  show_resumed_job (self, VARIETE_LIBRARY (object));
}

static void
job_finished_cb (VarieteApplication *self,
                 VarieteJob         *job)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GNotification) notification = NULL;
  VarieteJobState state = variete_job_get_state (job);

  /* The artist is looking at the window: the window itself shows the outcome. */
  if (window != NULL && gtk_window_is_active (window))
    return;

  if (state == VARIETE_JOB_STATE_SUCCEEDED)
    {
      notification = g_notification_new (_("Your Artwork Is Ready"));
      g_notification_set_body (notification, _("The results are saved and shown in Variete."));
    }
  else if (state == VARIETE_JOB_STATE_FAILED)
    {
      const GError *error = variete_job_get_error (job);

      notification = g_notification_new (_("A Job Failed"));
      if (error != NULL)
        g_notification_set_body (notification, error->message);
    }
  else
    return;

  g_application_send_notification (G_APPLICATION (self), "job-finished", notification);
}

/* Gives the libraries a client for the current key and URL, and the first time there is a
 * connection, reads the past jobs and resumes the unfinished ones. */
static void
update_libraries (VarieteApplication *self)
{
  g_autoptr(VarieteClient) client = NULL;
  g_autofree char *output_dir = NULL;

  if (self->connection != VARIETE_CONNECTION_KEY && self->connection != VARIETE_CONNECTION_DEMO)
    return;

  client = variete_application_create_client (self);
  output_dir = variete_application_dup_output_dir (self);

  if (self->connection == VARIETE_CONNECTION_DEMO)
    {
      if (self->demo_library == NULL)
        {
          g_autoptr(GError) error = NULL;

          self->demo_journal_dir = g_dir_make_tmp ("variete-demo-XXXXXX", &error);
          if (self->demo_journal_dir == NULL)
            {
              g_message ("No folder for the demo's jobs: %s", error->message);
              return;
            }
          self->demo_library = variete_library_new (self->demo_journal_dir);
          g_signal_connect_object (self->demo_library, "job-finished",
                                   G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
        }
      variete_library_set_client (self->demo_library, client);
      return;
    }

  variete_library_set_client (self->library, client);
  if (!self->library_loaded)
    {
      self->library_loaded = TRUE;
      variete_library_load_async (self->library, client, output_dir, self->cancellable,
                                  library_loaded_cb, g_object_ref (self));
    }
}

static void
set_connection (VarieteApplication *self,
                VarieteConnection   connection)
{
  if (self->connection == connection)
    return;

  self->connection = connection;
  update_libraries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONNECTION]);
}

/* The real API's address: $VARIETE_API_URL, else the api-url setting, else the default. */
static char *
dup_configured_api_url (VarieteApplication *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "api-url");

  return variete_paths_dup_api_url (configured);
}

/* The base URL jobs are sent to: the demo server's while the demo runs, else VARIETE_API_URL,
 * the api-url setting or the default. */
char *
variete_application_dup_api_url (VarieteApplication *self)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), NULL);

  if (self->demo_server != NULL)
    return g_strdup (variete_fake_server_get_base_url (self->demo_server));

  return dup_configured_api_url (self);
}

VarieteClient *
variete_application_create_client (VarieteApplication *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), NULL);

  url = variete_application_dup_api_url (self);
  if (self->demo_server != NULL)
    return variete_client_new (url, VARIETE_FAKE_SERVER_KEY);

  return variete_client_new (url, self->api_key);
}

/* Uses @api_key from now on (NULL forgets it). Storing it in the keyring is the caller's part,
 * once the key is verified. */
void
variete_application_set_api_key (VarieteApplication *self,
                                 const char         *api_key)
{
  g_return_if_fail (VARIETE_IS_APPLICATION (self));

  if (api_key != NULL && api_key[0] == '\0')
    api_key = NULL;

  g_free (self->api_key);
  self->api_key = g_strdup (api_key);

  if (self->demo_server == NULL)
    set_connection (self, api_key != NULL ? VARIETE_CONNECTION_KEY : VARIETE_CONNECTION_NONE);

  /* A new key for the same connection: jobs started from now on use it. */
  update_libraries (self);
}

/* The offline demo: the fake API server the tests use, inside the app on 127.0.0.1, so a new
 * artist can see the whole flow without a key or a network. */
gboolean
variete_application_start_demo (VarieteApplication  *self,
                                GError             **error)
{
  g_return_val_if_fail (VARIETE_IS_APPLICATION (self), FALSE);

  if (self->demo_server == NULL)
    {
      /* On a thread of its own: decoding the source and painting the results would otherwise
       * hold the window's main loop for a quarter of a second. */
      self->demo_server = variete_fake_server_new_for_thread (error);
      if (self->demo_server == NULL)
        return FALSE;

      /* Results big enough to look at, and a few polls so the progress can be seen. */
      variete_fake_server_set_result_size (self->demo_server, 768, 768);
      variete_fake_server_set_polls_until_done (self->demo_server, 3);
      variete_fake_server_start_thread (self->demo_server);
    }

  set_connection (self, VARIETE_CONNECTION_DEMO);
  return TRUE;
}

void
variete_application_stop_demo (VarieteApplication *self)
{
  g_return_if_fail (VARIETE_IS_APPLICATION (self));

  g_clear_object (&self->demo_server);
  set_connection (self, self->api_key != NULL ? VARIETE_CONNECTION_KEY : VARIETE_CONNECTION_NONE);
}

static void
api_url_changed_cb (VarieteApplication *self)
{
  update_libraries (self);
}

static void
verify_list_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) artworks = NULL;
  g_autoptr(GError) error = NULL;

  artworks = variete_client_list_finish (VARIETE_CLIENT (object), result, &error);

  if (artworks != NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED))
    g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_UNAUTHORIZED,
                             _("This key is not valid. Check that you copied all of it."));
  else if (g_error_matches (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_FORBIDDEN))
    g_task_return_new_error (task, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_FORBIDDEN,
                             _("This key cannot create artworks (it needs the generator scope "
                               "and the artworks domain)."));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Checks @api_key against the API with the cheapest call there is: GET /v2/artworks?limit=1. */
void
variete_application_verify_key_async (VarieteApplication  *self,
                                      const char          *api_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(VarieteClient) client = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;

  g_return_if_fail (VARIETE_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_application_verify_key_async);

  /* The key is for the real API, even while the demo runs. */
  url = dup_configured_api_url (self);

  if (!variete_client_check_url (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  client = variete_client_new (url, api_key);
  variete_client_list_async (client, 0, 1, cancellable, verify_list_cb, task);
}

gboolean
variete_application_verify_key_finish (VarieteApplication  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
key_looked_up_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VarieteApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = variete_secret_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No keyring is not fatal: the artist can still paste a key or try the demo. */
  if (error != NULL)
    g_message ("Could not read the API key from the keyring: %s", error->message);

  if (self->connection == VARIETE_CONNECTION_UNKNOWN)
    variete_application_set_api_key (self, key);
}

static VarieteWindow *
get_or_create_window (VarieteApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  VarieteWindow *created;

  if (VARIETE_IS_WINDOW (window))
    return VARIETE_WINDOW (window);

  created = variete_window_new (self);
  show_resumed_job (self, variete_application_get_library (self));

  return created;
}

static void
variete_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (VARIETE_APPLICATION (app))));
}

/* `variete FILE|URI…` and "Open With" from Files: the first one becomes the source image. */
static void
variete_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  VarieteWindow *window = get_or_create_window (VARIETE_APPLICATION (app));

  if (n_files > 0)
    variete_window_open_source (window, files[0]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
variete_application_startup (GApplication *app)
{
  VarieteApplication *self = VARIETE_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (variete_application_parent_class)->startup (app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_overlay_accels);

  if (variete_secret_get_env_key () != NULL)
    variete_application_set_api_key (self, variete_secret_get_env_key ());
  else
    variete_secret_lookup_async (self->cancellable, key_looked_up_cb, g_object_ref (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VarieteApplication *self = user_data;
  GtkWindow *window;

  /* Close the windows first so each one saves its state; the application then ends by itself. */
  while ((window = gtk_application_get_active_window (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (window);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  variete_application_show_preferences (user_data, NULL);
}

/* Opens the preferences, on @page when given ("connection" for the key settings). */
void
variete_application_show_preferences (VarieteApplication *self,
                                      const char         *page)
{
  GtkWindow *parent;
  VarietePreferencesWindow *preferences;

  g_return_if_fail (VARIETE_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  preferences = variete_preferences_window_new (self);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_modal (GTK_WINDOW (preferences), parent != NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VarieteApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Variete developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", "Variete",
                        "application-icon", APP_ID,
                        "developer-name", _("The Variete developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORT,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/username, and optionally an email or URL. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Turn a sketch or photo into new artwork with the "
                                      "Tengr.ai Selena Variete image-to-image service."),
                        "copyright", "© 2026 The Variete developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        NULL);
  /* Translators: a section of the About window's credits, followed by "Tengr.ai" */
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Image generation by"),
                                       (const char *[]) { "Tengr.ai https://tengr.ai", NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        delete_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

static void
variete_application_dispose (GObject *object)
{
  VarieteApplication *self = VARIETE_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->demo_library);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->settings);
  /* The demo's jobs and simulated results go with it. */
  if (self->demo_journal_dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (self->demo_journal_dir);

      delete_tree (dir);
      g_clear_pointer (&self->demo_journal_dir, g_free);
    }
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (variete_application_parent_class)->dispose (object);
}

static void
variete_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VarieteApplication *self = VARIETE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_int (value, self->connection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
variete_application_class_init (VarieteApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = variete_application_dispose;
  object_class->get_property = variete_application_get_property;

  properties [PROP_CONNECTION] =
    g_param_spec_int ("connection", NULL, NULL,
                      VARIETE_CONNECTION_UNKNOWN, VARIETE_CONNECTION_DEMO,
                      VARIETE_CONNECTION_UNKNOWN,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = variete_application_activate;
  app_class->open = variete_application_open;
  app_class->startup = variete_application_startup;
}

static void
variete_application_init (VarieteApplication *self)
{
  g_autofree char *jobs_dir = variete_paths_dup_jobs_dir ();

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->library = variete_library_new (jobs_dir);
  g_signal_connect_object (self->library, "job-finished", G_CALLBACK (job_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::api-url", G_CALLBACK (api_url_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}
