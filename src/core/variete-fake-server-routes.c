/* variete-fake-server-routes.c
 *
 * What the fake server answers: the API's routes (create, get, list) behind the key check,
 * the result downloads, and the answers in NestJS's shape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-fake-server"

#include <math.h>

#include "variete-enums.h"
#include "variete-fake-server-private.h"
#include "variete-request.h"

#define CREATE_PATH "/v2/artworks/selena-variete"
#define ARTWORKS_PATH "/v2/artworks"
#define DEFAULT_LIST_LIMIT 10
#define MAX_LIST_LIMIT 500
#define ONE_MEGAPIXEL (1024 * 1024)

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

void
variete_fake_server_answer_error (SoupServerMessage *msg,
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

  variete_fake_server_answer_error (msg, SOUP_STATUS_NOT_FOUND, message, "Not Found");
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
      variete_fake_server_answer_error (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", NULL);
      return FALSE;
    }

  key = authorization + strlen ("Bearer ");

  if (g_str_equal (key, VARIETE_FAKE_SERVER_KEY))
    return TRUE;

  if (g_str_equal (key, VARIETE_FAKE_SERVER_KEY_NO_SCOPE))
    {
      variete_fake_server_answer_error (msg, SOUP_STATUS_FORBIDDEN, "Forbidden resource",
                                        "Forbidden");
      return FALSE;
    }

  variete_fake_server_answer_error (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthorized", NULL);
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
          g_autofree char *url = NULL;

          url = g_strdup_printf ("%s" RESULTS_PATH "%s/%u.%s?sig=%u",
                                 self->result_base_url ? self->result_base_url : self->base_url,
                                 artwork->id, i, extension, artwork->link_generation);

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

      variete_fake_server_answer_error (msg, SOUP_STATUS_BAD_REQUEST, message, "Bad Request");
      return;
    }

  root = json_parser_get_root (parser);
  g_clear_pointer (&self->last_create_body, json_node_unref);
  self->last_create_body = json_node_copy (root);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      variete_fake_server_answer_error (msg, SOUP_STATUS_BAD_REQUEST,
                                        "Request body must be a JSON object", "Bad Request");
      return;
    }

  body = json_node_get_object (root);
  violations = variete_fake_server_validate_create (body);
  if (self->refuse_data_urls &&
      g_str_has_prefix (json_object_get_string_member_with_default (body, "imageUrl", ""),
                        "data:"))
    g_ptr_array_add (violations, g_strdup ("imageUrl must be a URL address"));

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
      variete_fake_server_answer_error (msg, SOUP_STATUS_NOT_FOUND, "Artwork not found",
                                        "Not Found");
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
               const char        *rest,
               GHashTable        *query)
{
  const char *sig = query ? g_hash_table_lookup (query, "sig") : NULL;
  g_auto(GStrv) parts = g_strsplit (rest, "/", -1);
  g_autoptr(GError) error = NULL;
  FakeArtwork *artwork;
  const char *extension;
  char *dot;
  guint64 index, generation;
  GBytes *bytes;

  if (g_strv_length (parts) != 2 ||
      !(artwork = lookup_artwork (self, parts[0])) ||
      !fake_artwork_has_results (artwork) ||
      !(dot = strchr (parts[1], '.')))
    {
      variete_fake_server_answer_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found", NULL);
      return;
    }

  extension = variete_fake_server_type_to_extension (artwork->result_type);
  *dot = '\0';

  if (!g_str_equal (dot + 1, extension) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, artwork->batch, &index, NULL))
    {
      variete_fake_server_answer_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found", NULL);
      return;
    }

  if (sig != NULL &&
      !(g_ascii_string_to_unsigned (sig, 10, 0, G_MAXUINT, &generation, NULL) &&
        generation == artwork->link_generation))
    {
      variete_fake_server_answer_link_expired (msg, SOUP_STATUS_FORBIDDEN);
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
          variete_fake_server_answer_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                            error->message, "Internal Server Error");
          return;
        }
    }

  bytes = artwork->results[index - 1];
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, artwork->result_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
variete_fake_server_route (VarieteFakeServer *self,
                           SoupServerMessage *msg,
                           const char        *method,
                           const char        *path,
                           GHashTable        *query)
{
  gboolean is_get = g_str_equal (method, SOUP_METHOD_GET);

  if (g_str_has_prefix (path, RESULTS_PATH) && is_get)
    {
      handle_result (self, msg, path + strlen (RESULTS_PATH), query);
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
