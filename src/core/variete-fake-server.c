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

#include <math.h>
#include <sys/socket.h>

#include <libsoup/soup.h>

#include "variete-enums.h"
#include "variete-fake-server.h"
#include "variete-fake-server-private.h"
#include "variete-request.h"

#define CREATE_PATH "/v2/artworks/selena-variete"
#define ARTWORKS_PATH "/v2/artworks"
#define RESULTS_PATH "/results/"
#define DEFAULT_POLLS_UNTIL_DONE 2
#define DEFAULT_RESULT_SIDE 64
#define DEFAULT_SLOW_DELAY_MS 2000
#define DEFAULT_LIST_LIMIT 10
#define MAX_LIST_LIMIT 500
#define ONE_MEGAPIXEL (1024 * 1024)

typedef struct
{
  char       *id;
  JsonNode   *parameters;
  GDateTime  *created_at;
  gint64      created_usec;   /* monotonic */
  gint64      duration;       /* seconds */
  char       *final_status;
  char       *result_type;
  GdkPixbuf  *source;         /* NULL: a gradient stands in */
  GBytes    **results;        /* rendered on demand, batch of them */
  guint       batch;
  guint       polls;
  guint       polls_until_done;
  int         result_width;
  int         result_height;
  gboolean    expired;
} FakeArtwork;

typedef struct
{
  char             *prefix;   /* "METHOD /path", NULL for any request */
  VarieteFakeFault  fault;
  guint             times;
} FaultRule;

typedef struct
{
  char     *method;
  char     *path;
  gboolean  had_key;
} RequestRecord;

/* An answer held back: delayed (SLOW) or replaced by raw bytes on the socket (TRUNCATED_BODY,
 * CONNECTION_RESET), which must wait until the handler has returned. */
typedef struct
{
  VarieteFakeServer *server;
  SoupServerMessage *msg;
  GSocket           *socket;
  GBytes            *raw;
  GSource           *source;
  VarieteFakeFault   fault;
  gboolean           gone;
} HeldAnswer;

struct _VarieteFakeServer
{
  GObject        parent_instance;

  SoupServer    *server;
  GMainContext  *context;
  char          *base_url;

  GHashTable    *artworks;      /* id → FakeArtwork */
  GPtrArray     *order;         /* FakeArtwork, oldest first */
  GPtrArray     *faults;        /* FaultRule */
  GPtrArray     *log;           /* NULL-terminated strings */
  GPtrArray     *records;       /* RequestRecord */
  GPtrArray     *held;          /* HeldAnswer */
  JsonNode      *last_create_body;

  char          *result_format;
  char          *final_status;
  guint          polls_until_done;
  guint          slow_delay_ms;
  guint          n_accepted_creates;
  int            result_width;
  int            result_height;
};

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

static void
variete_fake_server_dispose (GObject *object)
{
  VarieteFakeServer *self = (VarieteFakeServer *)object;

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

/* Answers */

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             JsonNode          *node)
{
  g_autofree char *json = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

/* Answers in NestJS's shape: {"message": …, "error": "…", "statusCode": n}. @message is a
 * string or an array of strings; @error_name may be %NULL, as NestJS leaves it out at times. */
static void
answer_error_node (SoupServerMessage *msg,
                   guint              status,
                   JsonNode          *message,
                   const char        *error_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_value (builder, json_node_ref (message));
  if (error_name != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error_name);
    }
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  answer_json (msg, status, root);
}

static void
answer_error (SoupServerMessage *msg,
              guint              status,
              const char        *message,
              const char        *error_name)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), message);

  answer_error_node (msg, status, node, error_name);
}

static void
answer_bad_request (SoupServerMessage *msg,
                    GPtrArray         *messages)
{
  g_autoptr(JsonArray) array = json_array_sized_new (messages->len);
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < messages->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (messages, i));

  node = json_node_init_array (json_node_alloc (), array);
  answer_error_node (msg, SOUP_STATUS_BAD_REQUEST, node, "Bad Request");
}

static void
answer_cannot (SoupServerMessage *msg,
               const char        *method,
               const char        *path)
{
  g_autofree char *message = g_strdup_printf ("Cannot %s %s", method, path);

  answer_error (msg, SOUP_STATUS_NOT_FOUND, message, "Not Found");
}

static void
answer_html (SoupServerMessage *msg,
             guint              status)
{
  g_autofree char *html = NULL;

  html = g_strdup_printf ("<html><head><title>%u %s</title></head><body><center><h1>%u %s"
                          "</h1></center><hr><center>nginx</center></body></html>\r\n",
                          status, soup_status_get_phrase (status),
                          status, soup_status_get_phrase (status));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
}

/* Authorization */

/* Returns: whether the request may go on; if not, the 401 or 403 is answered. */
static gboolean
check_key (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *key;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    {
      answer_error (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", NULL);
      return FALSE;
    }

  key = authorization + strlen ("Bearer ");

  if (g_str_equal (key, VARIETE_FAKE_SERVER_KEY))
    return TRUE;

  if (g_str_equal (key, VARIETE_FAKE_SERVER_KEY_NO_SCOPE))
    {
      answer_error (msg, SOUP_STATUS_FORBIDDEN, "Forbidden resource", "Forbidden");
      return FALSE;
    }

  answer_error (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", NULL);
  return FALSE;
}

/* Artworks */

static const char *
fake_artwork_get_status (FakeArtwork *artwork)
{
  if (artwork->polls == 0)
    return "starting";

  if (artwork->polls < artwork->polls_until_done)
    return "processing";

  return artwork->final_status;
}

static gboolean
fake_artwork_has_results (FakeArtwork *artwork)
{
  return !artwork->expired && g_str_equal (fake_artwork_get_status (artwork), "succeeded");
}

static char *
format_timestamp (GDateTime *date_time)
{
  g_autofree char *seconds = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (date_time) / 1000);
}

static JsonNode *
fake_artwork_to_json (VarieteFakeServer *self,
                      FakeArtwork       *artwork)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *created_at = format_timestamp (artwork->created_at);
  const char *status = fake_artwork_get_status (artwork);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, artwork->id);
  json_builder_set_member_name (builder, "artworkType");
  json_builder_add_string_value (builder, "selena_variete");
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_value (builder, json_node_copy (artwork->parameters));
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, artwork->duration);

  if (g_str_equal (status, "succeeded"))
    {
      const char *extension = variete_fake_server_type_to_extension (artwork->result_type);

      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
      for (guint i = 1; i <= artwork->batch; i++)
        {
          g_autofree char *url = g_strdup_printf ("%s" RESULTS_PATH "%s/%u.%s",
                                                  self->base_url, artwork->id, i, extension);

          json_builder_add_string_value (builder, url);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
size_from_aspect_ratio (const char *ratio,
                        int        *width,
                        int        *height)
{
  guint64 a = 1, b = 1;
  g_auto(GStrv) parts = g_strsplit (ratio ? ratio : "1:1", ":", 2);
  double w;

  if (g_strv_length (parts) == 2)
    {
      g_ascii_string_to_unsigned (parts[0], 10, 1, 100, &a, NULL);
      g_ascii_string_to_unsigned (parts[1], 10, 1, 100, &b, NULL);
    }

  /* About one megapixel, in multiples of 64 like the real models. */
  w = sqrt ((double) ONE_MEGAPIXEL * a / b);
  *width = MAX (64, (int) (w / 64) * 64);
  *height = MAX (64, (int) (w * b / a / 64) * 64);
}

static void
choose_result_size (VarieteFakeServer *self,
                    JsonObject        *body,
                    int               *width,
                    int               *height)
{
  if (self->result_width > 0 && self->result_height > 0)
    {
      *width = self->result_width;
      *height = self->result_height;
    }
  else if (json_object_has_member (body, "width") && json_object_has_member (body, "height"))
    {
      *width = (int) json_object_get_int_member (body, "width");
      *height = (int) json_object_get_int_member (body, "height");
    }
  else
    {
      size_from_aspect_ratio (json_object_get_string_member_with_default (body, "aspectRatio",
                                                                          "1:1"),
                              width, height);
    }
}

/* The parameters as the server keeps them: the prompts cut to their word limits, as the real
 * server silently does (API.md, Create). */
static JsonNode *
make_parameters (JsonObject *body)
{
  static const struct { const char *name; guint max_words; } prompts[] = {
    { "prompt", VARIETE_MAX_PROMPT_WORDS },
    { "negativePrompt", VARIETE_MAX_NEGATIVE_PROMPT_WORDS },
  };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (body);

  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            json_node_copy (json_object_get_member (body, l->data)));

  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    {
      const char *text = json_object_get_string_member_with_default (object, prompts[i].name,
                                                                     NULL);

      if (text != NULL && variete_count_words (text) > prompts[i].max_words)
        {
          gsize cut = variete_words_cut_offset (text, prompts[i].max_words);
          g_autofree char *truncated = g_strndup (text, cut);

          json_object_set_string_member (object, prompts[i].name, g_strchomp (truncated));
        }
    }

  return json_node_init_object (json_node_alloc (), object);
}

static FakeArtwork *
create_artwork (VarieteFakeServer *self,
                JsonObject        *body)
{
  FakeArtwork *artwork = g_new0 (FakeArtwork, 1);
  const char *image_url = json_object_get_string_member (body, "imageUrl");

  artwork->id = g_uuid_string_random ();
  artwork->parameters = make_parameters (body);
  artwork->created_at = g_date_time_new_now_utc ();
  artwork->created_usec = g_get_monotonic_time ();
  artwork->batch = (guint) json_object_get_int_member_with_default (body, "batch",
                                                                    VARIETE_DEFAULT_BATCH);
  artwork->results = g_new0 (GBytes *, artwork->batch);
  artwork->polls_until_done = self->polls_until_done;
  artwork->final_status = g_strdup (self->final_status);
  artwork->result_type = g_strdup (self->result_format);
  choose_result_size (self, body, &artwork->result_width, &artwork->result_height);

  /* A source the server cannot read makes the artwork fail, as it would for real. */
  if (g_str_has_prefix (image_url, "data:"))
    {
      g_autoptr(GError) error = NULL;

      artwork->source = variete_fake_server_decode_data_url (image_url, &error);
      if (artwork->source == NULL)
        {
          g_debug ("Source of %s is not an image: %s", artwork->id, error->message);
          g_free (artwork->final_status);
          artwork->final_status = g_strdup ("failed");
        }
    }

  g_hash_table_insert (self->artworks, artwork->id, artwork);
  g_ptr_array_add (self->order, artwork);
  self->n_accepted_creates++;

  return artwork;
}

static void
handle_create (VarieteFakeServer *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  const char *content_type;
  const char *data;
  FakeArtwork *artwork;
  JsonObject *body;
  JsonNode *root;
  gsize size;

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (bytes, &size);
  content_type = soup_message_headers_get_content_type (headers, NULL);

  /* Like Express, a body that is not declared as JSON is not read at all. */
  if (g_strcmp0 (content_type, "application/json") != 0 || size == 0)
    json_parser_load_from_data (parser, "{}", -1, NULL);
  else if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
    {
      g_autofree char *message = g_strdup_printf ("Unexpected token in JSON: %s",
                                                  error->message);

      answer_error (msg, SOUP_STATUS_BAD_REQUEST, message, "Bad Request");
      return;
    }

  root = json_parser_get_root (parser);
  g_clear_pointer (&self->last_create_body, json_node_unref);
  self->last_create_body = json_node_copy (root);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      answer_error (msg, SOUP_STATUS_BAD_REQUEST, "Request body must be a JSON object",
                    "Bad Request");
      return;
    }

  body = json_node_get_object (root);
  violations = variete_fake_server_validate_create (body);
  if (violations->len > 0)
    {
      answer_bad_request (msg, violations);
      return;
    }

  artwork = create_artwork (self, body);
  answer = fake_artwork_to_json (self, artwork);
  answer_json (msg, SOUP_STATUS_ACCEPTED, answer);
}

/* @id comes from the path, which SoupServer has already decoded. */
static FakeArtwork *
lookup_artwork (VarieteFakeServer *self,
                const char        *id)
{
  FakeArtwork *artwork;

  artwork = g_hash_table_lookup (self->artworks, id);
  if (artwork == NULL || artwork->expired)
    return NULL;

  return artwork;
}

static void
handle_get (VarieteFakeServer *self,
            SoupServerMessage *msg,
            const char        *id)
{
  FakeArtwork *artwork = lookup_artwork (self, id);
  g_autoptr(JsonNode) answer = NULL;
  gboolean was_final;

  if (artwork == NULL)
    {
      answer_error (msg, SOUP_STATUS_NOT_FOUND, "Artwork not found", "Not Found");
      return;
    }

  was_final = artwork->polls > 0 && artwork->polls >= artwork->polls_until_done;
  artwork->polls++;

  /* Whole seconds, at least one: the unit the app is told to expect (API.md, Poll). */
  if (!was_final && artwork->polls >= artwork->polls_until_done)
    artwork->duration = MAX (1, (g_get_monotonic_time () - artwork->created_usec) / G_USEC_PER_SEC);

  answer = fake_artwork_to_json (self, artwork);
  answer_json (msg, SOUP_STATUS_OK, answer);
}

/* Reads an integer query parameter the way class-validator would, adding what is wrong. */
static gint64
get_query_int (GHashTable *query,
               const char *name,
               gint64      default_value,
               gint64      min,
               gint64      max,
               GPtrArray  *violations)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  gint64 value;

  if (text == NULL)
    return default_value;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      g_ptr_array_add (violations, g_strdup_printf ("%s must be an integer number", name));
      return default_value;
    }

  if (value < min)
    g_ptr_array_add (violations, g_strdup_printf ("%s must not be less than %" G_GINT64_FORMAT,
                                                  name, min));
  else if (value > max)
    g_ptr_array_add (violations, g_strdup_printf ("%s must not be greater than %"
                                                  G_GINT64_FORMAT, name, max));

  return value;
}

static void
handle_list (VarieteFakeServer *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autoptr(GPtrArray) violations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) answer = NULL;
  gint64 offset, limit, skipped = 0;

  offset = get_query_int (query, "offset", 0, 0, G_MAXINT, violations);
  limit = get_query_int (query, "limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT, violations);

  if (violations->len > 0)
    {
      answer_bad_request (msg, violations);
      return;
    }

  /* Newest first. */
  for (guint i = self->order->len; i > 0 && json_array_get_length (array) < limit; i--)
    {
      FakeArtwork *artwork = g_ptr_array_index (self->order, i - 1);

      if (artwork->expired)
        continue;

      if (skipped++ < offset)
        continue;

      json_array_add_element (array, fake_artwork_to_json (self, artwork));
    }

  answer = json_node_init_array (json_node_alloc (), array);
  answer_json (msg, SOUP_STATUS_OK, answer);
}

/* GET /results/<id>/<n>.<ext>: served only once the artwork has succeeded. */
static void
handle_result (VarieteFakeServer *self,
               SoupServerMessage *msg,
               const char        *rest)
{
  g_auto(GStrv) parts = g_strsplit (rest, "/", -1);
  g_autoptr(GError) error = NULL;
  FakeArtwork *artwork;
  const char *extension;
  char *dot;
  guint64 index;
  GBytes *bytes;

  if (g_strv_length (parts) != 2 ||
      !(artwork = lookup_artwork (self, parts[0])) ||
      !fake_artwork_has_results (artwork) ||
      !(dot = strchr (parts[1], '.')))
    {
      answer_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found", NULL);
      return;
    }

  extension = variete_fake_server_type_to_extension (artwork->result_type);
  *dot = '\0';

  if (!g_str_equal (dot + 1, extension) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, artwork->batch, &index, NULL))
    {
      answer_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found", NULL);
      return;
    }

  if (artwork->results[index - 1] == NULL)
    {
      artwork->results[index - 1] =
        variete_fake_server_render_result (artwork->source, (guint) index,
                                           artwork->result_width, artwork->result_height,
                                           artwork->result_type, &error);

      if (artwork->results[index - 1] == NULL)
        {
          answer_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message,
                        "Internal Server Error");
          return;
        }
    }

  bytes = artwork->results[index - 1];
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, artwork->result_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
route (VarieteFakeServer *self,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GHashTable        *query)
{
  gboolean is_get = g_str_equal (method, SOUP_METHOD_GET);

  if (g_str_has_prefix (path, RESULTS_PATH) && is_get)
    {
      handle_result (self, msg, path + strlen (RESULTS_PATH));
      return;
    }

  if (g_str_equal (path, CREATE_PATH) && g_str_equal (method, SOUP_METHOD_POST))
    {
      if (check_key (msg))
        handle_create (self, msg);
      return;
    }

  if (g_str_equal (path, ARTWORKS_PATH) && is_get)
    {
      if (check_key (msg))
        handle_list (self, msg, query);
      return;
    }

  if (g_str_has_prefix (path, ARTWORKS_PATH "/") && is_get &&
      strchr (path + strlen (ARTWORKS_PATH "/"), '/') == NULL)
    {
      if (check_key (msg))
        handle_get (self, msg, path + strlen (ARTWORKS_PATH "/"));
      return;
    }

  answer_cannot (msg, method, path);
}

/* Faults */

static gboolean
fault_is_before (VarieteFakeFault fault)
{
  return fault == VARIETE_FAKE_FAULT_RATE_LIMIT ||
         fault == VARIETE_FAKE_FAULT_RATE_LIMIT_DATE ||
         fault == VARIETE_FAKE_FAULT_DOWNLOAD_FAILS;
}

static VarieteFakeFault
take_fault (VarieteFakeServer *self,
            const char        *method,
            const char        *path)
{
  g_autofree char *request = g_strdup_printf ("%s %s", method, path);
  gboolean is_result = g_str_equal (method, SOUP_METHOD_GET) &&
                       g_str_has_prefix (path, RESULTS_PATH);

  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultRule *rule = g_ptr_array_index (self->faults, i);
      VarieteFakeFault fault = rule->fault;

      if (rule->prefix != NULL && !g_str_has_prefix (request, rule->prefix))
        continue;

      if (fault == VARIETE_FAKE_FAULT_DOWNLOAD_FAILS && !is_result)
        continue;

      if (--rule->times == 0)
        g_ptr_array_remove_index (self->faults, i);

      return fault;
    }

  return VARIETE_FAKE_FAULT_NONE;
}

static void
answer_fault_before (SoupServerMessage *msg,
                     VarieteFakeFault   fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (fault == VARIETE_FAKE_FAULT_DOWNLOAD_FAILS)
    {
      answer_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal server error", NULL);
      return;
    }

  if (fault == VARIETE_FAKE_FAULT_RATE_LIMIT)
    {
      soup_message_headers_replace (headers, "Retry-After", "1");
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "Retry-After", date);
    }

  answer_error (msg, 429, "ThrottlerException: Too Many Requests",
                NULL);
}

static void
held_answer_gone_cb (SoupServerMessage *msg,
                     HeldAnswer        *held)
{
  held->gone = TRUE;
}

static void
drop_held_answer (HeldAnswer *held)
{
  g_ptr_array_remove (held->server->held, held);
}

static gboolean
release_held_answer_cb (gpointer user_data)
{
  HeldAnswer *held = user_data;

  if (held->gone)
    {
      drop_held_answer (held);
      return G_SOURCE_REMOVE;
    }

  if (held->fault == VARIETE_FAKE_FAULT_SLOW)
    {
      soup_server_message_unpause (held->msg);
    }
  else
    {
      g_autoptr(GIOStream) stream = NULL;
      int fd = g_socket_get_fd (held->socket);

      stream = soup_server_message_steal_connection (held->msg);

      if (held->raw != NULL)
        {
          g_socket_send (held->socket, g_bytes_get_data (held->raw, NULL),
                         g_bytes_get_size (held->raw), NULL, NULL);
        }
      else
        {
          /* Closing with a zero linger time sends RST instead of FIN: a reset, not an end. */
          struct linger linger = { 1, 0 };

          setsockopt (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
        }

      g_socket_close (held->socket, NULL);
    }

  drop_held_answer (held);

  return G_SOURCE_REMOVE;
}

/* Builds the raw bytes of an answer that promises its whole body and sends only half of it.
 * It does not say "Connection: close": libsoup forgives a short body on such a connection. */
static GBytes *
make_truncated_answer (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) content = soup_message_body_flatten (body);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  guint status = soup_server_message_get_status (msg);
  gsize size = g_bytes_get_size (content);
  GString *raw = g_string_new (NULL);

  g_string_append_printf (raw,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "\r\n",
                          status, soup_status_get_phrase (status),
                          content_type ? content_type : "application/octet-stream",
                          size + 16);
  /* Little enough to fit in the socket buffer at once: the client may run on this thread. */
  g_string_append_len (raw, g_bytes_get_data (content, NULL), MIN (size / 2, 16 * 1024));

  return g_string_free_to_bytes (raw);
}

static void
hold_answer (VarieteFakeServer *self,
             SoupServerMessage *msg,
             VarieteFakeFault   fault)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  HeldAnswer *held;

  g_return_if_fail (socket != NULL);

  held = g_new0 (HeldAnswer, 1);
  held->server = self;
  held->msg = g_object_ref (msg);
  held->socket = g_object_ref (socket);
  held->fault = fault;

  if (fault == VARIETE_FAKE_FAULT_TRUNCATED_BODY)
    held->raw = make_truncated_answer (msg);

  g_signal_connect (msg, "finished", G_CALLBACK (held_answer_gone_cb), held);
  g_signal_connect (msg, "disconnected", G_CALLBACK (held_answer_gone_cb), held);

  if (fault == VARIETE_FAKE_FAULT_SLOW)
    held->source = g_timeout_source_new (self->slow_delay_ms);
  else
    held->source = g_idle_source_new ();

  g_source_set_callback (held->source, release_held_answer_cb, held, NULL);
  g_source_attach (held->source, self->context);
  g_ptr_array_add (self->held, held);

  soup_server_message_pause (msg);
}

/* Returns: the suffix of the log line */
static const char *
apply_fault_after (VarieteFakeServer *self,
                   SoupServerMessage *msg,
                   VarieteFakeFault   fault)
{
  static const char malformed[] = "{\"id\": \"3fa85f64-5717-4562-b3fc-2c963f66afa6\", \"sta";

  switch (fault)
    {
    case VARIETE_FAKE_FAULT_SERVER_ERROR:
      answer_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Internal server error", NULL);
      return "";

    case VARIETE_FAKE_FAULT_BAD_GATEWAY:
      answer_html (msg, SOUP_STATUS_BAD_GATEWAY);
      return "";

    case VARIETE_FAKE_FAULT_UNAVAILABLE:
      answer_html (msg, SOUP_STATUS_SERVICE_UNAVAILABLE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      return "";

    case VARIETE_FAKE_FAULT_MALFORMED_JSON:
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        malformed, strlen (malformed));
      return " malformed";

    case VARIETE_FAKE_FAULT_TRUNCATED_BODY:
      hold_answer (self, msg, fault);
      return " truncated";

    case VARIETE_FAKE_FAULT_CONNECTION_RESET:
      hold_answer (self, msg, fault);
      return "";

    case VARIETE_FAKE_FAULT_SLOW:
      hold_answer (self, msg, fault);
      return " slow";

    case VARIETE_FAKE_FAULT_NONE:
    case VARIETE_FAKE_FAULT_RATE_LIMIT:
    case VARIETE_FAKE_FAULT_RATE_LIMIT_DATE:
    case VARIETE_FAKE_FAULT_DOWNLOAD_FAILS:
    default:
      return "";
    }
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
  VarieteFakeFault fault = take_fault (self, method, path);
  const char *suffix = "";

  if (fault_is_before (fault))
    {
      answer_fault_before (msg, fault);
    }
  else
    {
      route (self, msg, method, path, query);
      suffix = apply_fault_after (self, msg, fault);
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
