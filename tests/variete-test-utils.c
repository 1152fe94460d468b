/* variete-test-utils.c
 *
 * What the tests need around the code they test, written once: running the main loop until
 * something holds (never forever), waiting for async calls, temporary folders, images of one
 * colour, the fake API with a client and a request for it, a web server on loopback and a look
 * at the bus. No GTK here: the core tests link it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-test-utils.h"

/* For fixture_remove_tree(), which the benchmarks share. */
#include "variete-source-fixtures.h"

/* The main loop */

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Returns: whether @predicate came to hold before @timeout_seconds passed */
gboolean
variete_test_wait_for (VarieteTestPredicate predicate,
                       gpointer             data,
                       guint                timeout_seconds)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (timeout_seconds);
  gboolean timed_out = FALSE;

  g_source_set_callback (timeout, flag_cb, &timed_out, NULL);
  g_source_attach (timeout, context);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);

  return !timed_out;
}

/* Runs the main context until @predicate holds, failing the test after @timeout_seconds. */
void
variete_test_spin_until (VarieteTestPredicate predicate,
                         gpointer             data,
                         guint                timeout_seconds)
{
  g_assert_true (variete_test_wait_for (predicate, data, timeout_seconds));
}

/* Runs the main context for @ms, whatever happens meanwhile. */
void
variete_test_spin_for (guint ms)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GSource) timeout = g_timeout_source_new (ms);
  gboolean done = FALSE;

  g_source_set_callback (timeout, flag_cb, &done, NULL);
  g_source_attach (timeout, context);

  while (!done)
    g_main_context_iteration (context, TRUE);
}

/* Runs what is ready on the main context (sockets closing, last writes), without waiting. */
void
variete_test_run_pending (void)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  for (guint i = 0; i < 100 && g_main_context_iteration (context, FALSE); i++)
    ;
}

/* For what happens outside the process (files another program writes, names on the bus):
 * checks @predicate every few milliseconds, running the default main context in between.
 *
 * Returns: whether @predicate came to hold before @timeout_seconds passed */
gboolean
variete_test_poll_until (VarieteTestPredicate predicate,
                         gpointer             data,
                         guint                timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  return TRUE;
}

/* Returns: (transfer full): a new main context, made the thread default */
GMainContext *
variete_test_push_context (void)
{
  GMainContext *context = g_main_context_new ();

  g_main_context_push_thread_default (context);

  return context;
}

/* Lets what is left on @context run down, then drops it. */
void
variete_test_pop_context (GMainContext *context)
{
  variete_test_run_pending ();
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

/* Drops the caller's reference to the object @object_location points to, and waits until it
 * is finalized: a worker thread may hold it a moment longer. */
void
variete_test_unref_and_wait (gpointer object_location,
                             guint    timeout_seconds)
{
  GObject **object = object_location;

  g_object_add_weak_pointer (*object, (gpointer *) object);
  g_object_unref (*object);
  variete_test_spin_until (variete_test_pointer_is_null, object, timeout_seconds);
}

gboolean
variete_test_flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
variete_test_pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

gboolean
variete_test_pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Async calls */

void
variete_test_store_result_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Returns: (transfer none): the result variete_test_store_result_cb() stored in @result */
GAsyncResult *
variete_test_wait_for_result (GAsyncResult **result,
                              guint          timeout_seconds)
{
  variete_test_spin_until (variete_test_pointer_is_set, result, timeout_seconds);

  return *result;
}

/* Files */

/* Returns: (transfer full): a new folder in the temporary folder, named after @tmpl */
char *
variete_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);

  return path;
}

/* Deletes @path and all below it.
 *
 * Returns: whether it is all gone */
gboolean
variete_test_rm_rf (const char *path)
{
  fixture_remove_tree (path);

  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Returns: how many entries of @dir end in @suffix; none if @dir is missing */
guint
variete_test_count_files (const char *dir,
                          const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;

  return n;
}

/* Returns: (transfer full): the path of @name in @dir, now holding @bytes */
char *
variete_test_write_file (const char *dir,
                         const char *name,
                         GBytes     *bytes)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return path;
}

/* Images of one colour */

GdkPixbuf *
variete_test_new_pixbuf (int      width,
                         int      height,
                         gboolean has_alpha,
                         guint32  rgba)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);

  gdk_pixbuf_fill (pixbuf, rgba);

  return pixbuf;
}

/* Returns: (transfer full): @pixbuf saved as @type ("png", "jpeg"), with the default options */
GBytes *
variete_test_encode_pixbuf (GdkPixbuf  *pixbuf,
                            const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer;
  gsize size;

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

/* Returns: (transfer full): a data: URL of a PNG image of one colour */
char *
variete_test_png_data_url (int      width,
                           int      height,
                           gboolean has_alpha,
                           guint32  rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = variete_test_new_pixbuf (width, height, has_alpha, rgba);
  g_autoptr(GBytes) png = variete_test_encode_pixbuf (pixbuf, "png");
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  return g_strconcat ("data:image/png;base64,", base64, NULL);
}

/* Writes an opaque PNG image of one colour to @path. */
void
variete_test_write_png (const char *path,
                        int         width,
                        int         height,
                        guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = variete_test_new_pixbuf (width, height, FALSE, rgba);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

/* The fake API and what talks to it */

/* Returns: (transfer full): a fake API server on loopback, answering on the thread-default main
 *   context */
VarieteFakeServer *
variete_test_fake_server_new (void)
{
  g_autoptr(GError) error = NULL;
  VarieteFakeServer *server = variete_fake_server_new (&error);

  g_assert_no_error (error);
  g_assert_nonnull (server);

  return server;
}

/* Returns: (transfer full): a client of @server, with the key it takes */
VarieteClient *
variete_test_client_new (VarieteFakeServer *server)
{
  return variete_client_new (variete_fake_server_get_base_url (server), VARIETE_FAKE_SERVER_KEY);
}

/* Returns: (transfer full): a valid request for two images of a remote source */
VarieteRequest *
variete_test_new_request (const char *prompt)
{
  VarieteRequest *request = variete_request_new ();

  variete_request_set_source_url (request, "https://example.com/source.png");
  variete_request_set_prompt (request, prompt);
  variete_request_set_batch (request, 2);

  return request;
}

/* A past job's journal as the app writes it, without a run: the server made it at @started_at
 * (ISO 8601) and @state is the job's. Returns: (transfer full): its path */
char *
variete_test_write_journal (const char *journal_dir,
                            const char *id,
                            const char *state,
                            const char *started_at,
                            const char *prompt)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request (prompt);
  g_autoptr(JsonNode) request_node = variete_request_to_json (request);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *request_json = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  char *path = g_build_filename (journal_dir, name, NULL);

  json_generator_set_root (generator, request_node);
  request_json = json_generator_to_data (generator, NULL);
  contents = g_strdup_printf ("{ \"version\": 1, \"artworkId\": \"%s\", \"state\": \"%s\", "
                              "\"status\": \"succeeded\", \"startedAt\": \"%s\", "
                              "\"serverCreatedAt\": \"%s\", \"request\": %s }",
                              id, state, started_at, started_at, request_json);

  g_assert_cmpint (g_mkdir_with_parents (journal_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

/* Servers and the bus */

/* Starts a web server on loopback that answers every path with @callback.
 *
 * Returns: (transfer full): the server; @base_url is set to its origin, "http://127.0.0.1:PORT",
 *   without a closing slash */
SoupServer *
variete_test_server_new (SoupServerCallback   callback,
                         gpointer             user_data,
                         char               **base_url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

/* Returns: whether @name has an owner on @bus; %FALSE with @error set when the bus did not
 *   answer */
gboolean
variete_test_name_has_owner (GDBusConnection  *bus,
                             const char       *name,
                             GError          **error)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}
