/* variete-fake-server.c
 *
 * A fake Selena Variete API for the tests and the offline demo (API.md). It enforces the
 * contract as strictly as the real server would, answers errors in NestJS's shape, and can be
 * told to misbehave in the ways the client must survive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-fake-server"

#include "variete-enums.h"
#include "variete-fake-server-private.h"

#define DEFAULT_POLLS_UNTIL_DONE 2
#define DEFAULT_RESULT_SIDE 64
#define DEFAULT_SLOW_DELAY_MS 2000

typedef struct
{
  char     *method;
  char     *path;
  gboolean  had_key;
} RequestRecord;

G_DEFINE_FINAL_TYPE (VarieteFakeServer, variete_fake_server, G_TYPE_OBJECT)

static void
fake_artwork_free (gpointer data)
{
  FakeArtwork *artwork = data;

  for (guint i = 0; i < artwork->batch; i++)
    g_clear_pointer (&artwork->results[i], g_bytes_unref);

  g_free (artwork->results);
  g_free (artwork->id);
  g_clear_pointer (&artwork->parameters, json_node_unref);
  g_clear_pointer (&artwork->created_at, g_date_time_unref);
  g_free (artwork->final_status);
  g_free (artwork->result_type);
  g_clear_object (&artwork->source);
  g_free (artwork);
}

static void
fault_rule_free (gpointer data)
{
  FaultRule *rule = data;

  g_free (rule->prefix);
  g_free (rule);
}

static void
request_record_free (gpointer data)
{
  RequestRecord *record = data;

  g_free (record->method);
  g_free (record->path);
  g_free (record);
}

static void
held_answer_free (gpointer data)
{
  HeldAnswer *held = data;

  if (held->source != NULL)
    {
      g_source_destroy (held->source);
      g_source_unref (held->source);
    }

  if (held->msg != NULL)
    g_signal_handlers_disconnect_by_data (held->msg, held);

  g_clear_object (&held->msg);
  g_clear_object (&held->socket);
  g_clear_pointer (&held->raw, g_bytes_unref);
  g_free (held);
}

static gboolean
quit_thread_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
stop_thread (VarieteFakeServer *self)
{
  if (self->thread == NULL)
    return;

  /* A source that runs on the server's context wakes it, and the thread sees it should end. */
  g_atomic_int_set (&self->stopping, TRUE);
  g_main_context_invoke (self->context, quit_thread_cb, NULL);
  g_thread_join (g_steal_pointer (&self->thread));
}

static void
variete_fake_server_dispose (GObject *object)
{
  VarieteFakeServer *self = (VarieteFakeServer *)object;

  stop_thread (self);

  if (self->held != NULL)
    g_ptr_array_set_size (self->held, 0);

  if (self->server != NULL)
    soup_server_disconnect (self->server);

  g_clear_object (&self->server);

  G_OBJECT_CLASS (variete_fake_server_parent_class)->dispose (object);
}

static void
variete_fake_server_finalize (GObject *object)
{
  VarieteFakeServer *self = (VarieteFakeServer *)object;

  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->artworks, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->last_create_body, json_node_unref);
  g_clear_pointer (&self->result_format, g_free);
  g_clear_pointer (&self->result_base_url, g_free);
  g_clear_pointer (&self->final_status, g_free);

  G_OBJECT_CLASS (variete_fake_server_parent_class)->finalize (object);
}

static void
variete_fake_server_class_init (VarieteFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = variete_fake_server_dispose;
  object_class->finalize = variete_fake_server_finalize;
}

static void
variete_fake_server_init (VarieteFakeServer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->order = g_ptr_array_new ();
  self->artworks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, fake_artwork_free);
  self->faults = g_ptr_array_new_with_free_func (fault_rule_free);
  self->log = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->records = g_ptr_array_new_with_free_func (request_record_free);
  self->held = g_ptr_array_new_with_free_func (held_answer_free);
  self->result_format = g_strdup ("image/png");
  self->final_status = g_strdup ("succeeded");
  self->polls_until_done = DEFAULT_POLLS_UNTIL_DONE;
  self->slow_delay_ms = DEFAULT_SLOW_DELAY_MS;
  self->result_width = DEFAULT_RESULT_SIDE;
  self->result_height = DEFAULT_RESULT_SIDE;
}

static void
record_request (VarieteFakeServer *self,
                SoupServerMessage *msg,
                const char        *method,
                const char        *path,
                gboolean           had_key,
                VarieteFakeFault   fault,
                const char        *suffix)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  RequestRecord *record = g_new0 (RequestRecord, 1);
  g_autofree char *status = NULL;

  if (fault == VARIETE_FAKE_FAULT_CONNECTION_RESET)
    status = g_strdup ("reset");
  else
    status = g_strdup_printf ("%u", soup_server_message_get_status (msg));

  g_ptr_array_add (self->log, g_strdup_printf ("%s %s%s%s %s%s",
                                               method, path,
                                               query ? "?" : "", query ? query : "",
                                               status, suffix));

  record->method = g_strdup (method);
  record->path = g_strdup (path);
  record->had_key = had_key;
  g_ptr_array_add (self->records, record);
}

static void
server_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  VarieteFakeServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  gboolean had_key = soup_message_headers_get_one (headers, "Authorization") != NULL;
  VarieteFakeFault fault = variete_fake_server_take_fault (self, method, path);
  const char *suffix = "";

  if (variete_fake_server_fault_is_before (fault))
    {
      variete_fake_server_answer_fault_before (msg, path, fault);
    }
  else
    {
      variete_fake_server_route (self, msg, method, path, query);
      suffix = variete_fake_server_apply_fault_after (self, msg, fault);
    }

  record_request (self, msg, method, path, had_key, fault, suffix);
}

/**
 * variete_fake_server_new_on_port:
 * @port: the port to listen on, 0 for any free one
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a server listening on 127.0.0.1:@port
 */
VarieteFakeServer *
variete_fake_server_new_on_port (guint    port,
                                 GError **error)
{
  g_autoptr(VarieteFakeServer) self = NULL;
  GSList *uris;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);

  self = g_object_new (VARIETE_TYPE_FAKE_SERVER, NULL);
  self->server = soup_server_new ("server-header", "variete-fake-server ", NULL);
  soup_server_add_handler (self->server, NULL, server_request_cb, self, NULL);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&self);
}

/**
 * variete_fake_server_new:
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a server listening on 127.0.0.1, on a free port
 */
VarieteFakeServer *
variete_fake_server_new (GError **error)
{
  return variete_fake_server_new_on_port (0, error);
}

/**
 * variete_fake_server_new_for_thread:
 * @error: return location for an error
 *
 * Makes a server on a main context of its own, to be configured and then run on a thread of
 * its own with variete_fake_server_start_thread(): its answers (decoding the sources, painting
 * and encoding the results) then never hold the caller's main loop, as the offline demo needs.
 *
 * Returns: (transfer full) (nullable): a server listening on 127.0.0.1, on a free port
 */
VarieteFakeServer *
variete_fake_server_new_for_thread (GError **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  VarieteFakeServer *self;

  g_main_context_push_thread_default (context);
  self = variete_fake_server_new (error);
  g_main_context_pop_thread_default (context);

  return self;
}

static gpointer
server_thread (gpointer user_data)
{
  VarieteFakeServer *self = user_data;

  g_main_context_push_thread_default (self->context);
  while (!g_atomic_int_get (&self->stopping))
    g_main_context_iteration (self->context, TRUE);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * variete_fake_server_start_thread:
 * @self: a server made by variete_fake_server_new_for_thread(), configured
 *
 * Answers requests on a thread of its own until @self is disposed. The setters are not to be
 * called from then on.
 */
void
variete_fake_server_start_thread (VarieteFakeServer *self)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (self->context != g_main_context_default ());

  self->thread = g_thread_new ("variete-fake-server", server_thread, self);
}

/* Returns: "http://127.0.0.1:<port>", without a trailing slash */
const char *
variete_fake_server_get_base_url (VarieteFakeServer *self)
{
  g_return_val_if_fail (VARIETE_IS_FAKE_SERVER (self), NULL);

  return self->base_url;
}

/* Sets after how many GETs an artwork reaches its final status. */
void
variete_fake_server_set_polls_until_done (VarieteFakeServer *self,
                                          guint              n_polls)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));

  self->polls_until_done = n_polls;
}

/* Sets the type of the results: "image/png", "image/jpeg" or "image/webp". */
void
variete_fake_server_set_result_format (VarieteFakeServer *self,
                                       const char        *content_type)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));
  g_return_if_fail (variete_fake_server_type_to_extension (content_type) != NULL);

  g_free (self->result_format);
  self->result_format = g_strdup (content_type);
}

/* Sets the final status: "succeeded", "failed" or "canceled". */
void
variete_fake_server_set_final_status (VarieteFakeServer *self,
                                      const char        *status)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));
  g_return_if_fail (g_strcmp0 (status, "succeeded") == 0 ||
                    g_strcmp0 (status, "failed") == 0 ||
                    g_strcmp0 (status, "canceled") == 0);

  g_free (self->final_status);
  self->final_status = g_strdup (status);
}

/* Sets the size of result images; 0 × 0 for the size the request asks for. */
void
variete_fake_server_set_result_size (VarieteFakeServer *self,
                                     int                width,
                                     int                height)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));
  g_return_if_fail (width >= 0 && width <= VARIETE_MAX_SIDE);
  g_return_if_fail (height >= 0 && height <= VARIETE_MAX_SIDE);

  self->result_width = width;
  self->result_height = height;
}

void
variete_fake_server_set_slow_delay_ms (VarieteFakeServer *self,
                                       guint              delay_ms)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));

  self->slow_delay_ms = delay_ms;
}

/**
 * variete_fake_server_inject_fault:
 * @self: a #VarieteFakeServer
 * @prefix: (nullable): "METHOD /path" prefix of the requests, e.g. "POST /v2/artworks",
 *   "GET /v2/artworks/", "GET /results/"; %NULL for any
 * @fault: what goes wrong
 * @times: for how many of the matching requests
 *
 * Faults are taken in the order they were injected; a request meets one fault at most.
 */
void
variete_fake_server_inject_fault (VarieteFakeServer *self,
                                  const char        *prefix,
                                  VarieteFakeFault   fault,
                                  guint              times)
{
  FaultRule *rule;

  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));

  if (fault == VARIETE_FAKE_FAULT_NONE || times == 0)
    return;

  rule = g_new0 (FaultRule, 1);
  rule->prefix = g_strdup (prefix);
  rule->fault = fault;
  rule->times = times;
  g_ptr_array_add (self->faults, rule);
}

/* Forgets an artwork as the real server does after 8 days: later GETs and downloads get 404. */
void
variete_fake_server_expire (VarieteFakeServer *self,
                            const char        *artwork_id)
{
  FakeArtwork *artwork;

  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));
  g_return_if_fail (artwork_id != NULL);

  if ((artwork = g_hash_table_lookup (self->artworks, artwork_id)))
    artwork->expired = TRUE;
}

/* Makes every result link of the artwork given so far expire: downloads with an old "sig" get
 * 403 until a GET of the artwork hands out fresh ones. */
void
variete_fake_server_expire_links (VarieteFakeServer *self,
                                  const char        *artwork_id)
{
  FakeArtwork *artwork;

  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));
  g_return_if_fail (artwork_id != NULL);

  if ((artwork = g_hash_table_lookup (self->artworks, artwork_id)))
    artwork->link_generation++;
}

/* Lists results under @base_url (%NULL: the server's own) in artworks made from now on. */
void
variete_fake_server_set_result_base_url (VarieteFakeServer *self,
                                         const char        *base_url)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));

  g_free (self->result_base_url);
  self->result_base_url = g_strdup (base_url);
}

/* Whether a create with a data: source gets 400 ["imageUrl must be a URL address"], as from
 * class-validator's IsUrl (API.md, Source image). */
void
variete_fake_server_set_refuse_data_urls (VarieteFakeServer *self,
                                          gboolean           refuse)
{
  g_return_if_fail (VARIETE_IS_FAKE_SERVER (self));

  self->refuse_data_urls = !!refuse;
}

/* Returns: how many creates made an artwork, including those whose answer a fault then lost */
guint
variete_fake_server_get_n_accepted_creates (VarieteFakeServer *self)
{
  g_return_val_if_fail (VARIETE_IS_FAKE_SERVER (self), 0);

  return self->n_accepted_creates;
}

static guint
count_requests (VarieteFakeServer *self,
                const char        *method,
                const char        *path_prefix,
                gboolean           with_key_only)
{
  guint n = 0;

  for (guint i = 0; i < self->records->len; i++)
    {
      RequestRecord *record = g_ptr_array_index (self->records, i);

      if ((method == NULL || g_str_equal (method, record->method)) &&
          (path_prefix == NULL || g_str_has_prefix (record->path, path_prefix)) &&
          (!with_key_only || record->had_key))
        n++;
    }

  return n;
}

guint
variete_fake_server_get_n_requests (VarieteFakeServer *self,
                                    const char        *method,
                                    const char        *path_prefix)
{
  g_return_val_if_fail (VARIETE_IS_FAKE_SERVER (self), 0);

  return count_requests (self, method, path_prefix, FALSE);
}

guint
variete_fake_server_get_n_requests_with_key (VarieteFakeServer *self,
                                             const char        *method,
                                             const char        *path_prefix)
{
  g_return_val_if_fail (VARIETE_IS_FAKE_SERVER (self), 0);

  return count_requests (self, method, path_prefix, TRUE);
}

/* Returns: (transfer none): one line per request so far, "POST /v2/artworks/selena-variete 202" */
const char * const *
variete_fake_server_get_log (VarieteFakeServer *self)
{
  g_return_val_if_fail (VARIETE_IS_FAKE_SERVER (self), NULL);

  return (const char * const *) self->log->pdata;
}

/* Returns: (transfer none) (nullable): the body of the last create request, valid or not */
JsonNode *
variete_fake_server_get_last_create_body (VarieteFakeServer *self)
{
  g_return_val_if_fail (VARIETE_IS_FAKE_SERVER (self), NULL);

  return self->last_create_body;
}
