/* variete-artwork.c
 *
 * An artwork as the API describes it (API.md, Poll), read tolerantly: unknown fields, unknown
 * artwork types and unknown statuses are ignored, wrong-typed optional fields are dropped. It is
 * strict only where a mistake could hurt: the id names a URL path and a journal file, and every
 * result URL is downloaded, so both are checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "variete-artwork.h"
#include "variete-json.h"
#include "variete-error.h"

/* Ids are opaque to us, but they end up in URL paths and file names. */
#define MAX_ID_LENGTH 128

struct _VarieteArtwork
{
  GObject               parent_instance;

  char                 *id;
  char                 *artwork_type;
  char                 *status_string;
  char                **results;
  GDateTime            *created_at;
  JsonObject           *parameters;
  double                duration;
  VarieteArtworkStatus  status;
};

G_DEFINE_FINAL_TYPE (VarieteArtwork, variete_artwork, G_TYPE_OBJECT)

static const char * const status_names[] = {
  [VARIETE_ARTWORK_STATUS_UNKNOWN] = "unknown",
  [VARIETE_ARTWORK_STATUS_STARTING] = "starting",
  [VARIETE_ARTWORK_STATUS_PROCESSING] = "processing",
  [VARIETE_ARTWORK_STATUS_SUCCEEDED] = "succeeded",
  [VARIETE_ARTWORK_STATUS_FAILED] = "failed",
  [VARIETE_ARTWORK_STATUS_CANCELED] = "canceled",
};

static void
variete_artwork_finalize (GObject *object)
{
  VarieteArtwork *self = (VarieteArtwork *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->artwork_type, g_free);
  g_clear_pointer (&self->status_string, g_free);
  g_clear_pointer (&self->results, g_strfreev);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->parameters, json_object_unref);

  G_OBJECT_CLASS (variete_artwork_parent_class)->finalize (object);
}

static void
variete_artwork_class_init (VarieteArtworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = variete_artwork_finalize;
}

static void
variete_artwork_init (VarieteArtwork *self)
{
  self->results = g_new0 (char *, 1);
}

static gboolean
id_is_safe (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_ID_LENGTH)
    return FALSE;

  if (g_str_equal (id, ".") || g_str_equal (id, ".."))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (id[i]) && strchr ("-._~", id[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_results (VarieteArtwork  *self,
               JsonObject      *object,
               GError         **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node = json_object_get_member (object, "results");
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  builder = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *url;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error_literal (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                               _("The server sent a result that is not an address. "
                                 "Try again later."));
          return FALSE;
        }

      url = json_node_get_string (element);
      if (!variete_url_is_allowed (url))
        {
          g_debug ("Refusing result URL %.100s", url);
          /* Not worth waiting for: the same artwork will list the same addresses. */
          g_set_error_literal (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE,
                               _("The server gave a result address that is not secure: "
                                 "Variete fetches results over https:// only. Your settings "
                                 "are not the cause; tell Tengr.ai if it happens again."));
          return FALSE;
        }

      g_strv_builder_add (builder, url);
    }

  g_strfreev (self->results);
  self->results = g_strv_builder_end (builder);

  return TRUE;
}

/**
 * variete_artwork_new_from_json:
 * @node: the JSON answer of the server
 * @error: return location for a %VARIETE_CLIENT_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (nullable): the artwork, or %NULL if @node is not an artwork
 */
VarieteArtwork *
variete_artwork_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(VarieteArtwork) self = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                           _("The server sent an answer that is not an artwork. Try again later."));
      return NULL;
    }

  object = json_node_get_object (node);

  id = variete_json_get_string (object, "id");
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                           _("The server sent an artwork without an id. Try again later."));
      return NULL;
    }

  if (!id_is_safe (id))
    {
      g_set_error_literal (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                           _("The server sent an artwork with an unusable id. Try again later."));
      return NULL;
    }

  self = g_object_new (VARIETE_TYPE_ARTWORK, NULL);
  self->id = g_strdup (id);
  self->artwork_type = g_strdup (variete_json_get_string (object, "artworkType"));

  self->status_string = g_strdup (variete_json_get_string (object, "status"));
  self->status = variete_artwork_status_from_string (self->status_string);

  variete_json_get_number (object, "duration", &self->duration);
  self->created_at = variete_json_get_time (object, "createdAt");

  member = json_object_get_member (object, "parameters");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    self->parameters = json_object_ref (json_node_get_object (member));

  /* Only a finished artwork has results; anything else is left over and not ours to fetch. */
  if (self->status == VARIETE_ARTWORK_STATUS_SUCCEEDED && !parse_results (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

static JsonNode *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  parser = json_parser_new_immutable ();

  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      /* json-glib quotes the bad input, possibly cut inside a character: the message goes to the
       * window and the journal, so it must be valid UTF-8 (found by fuzz/fuzz-artwork). */
      /* Translators: goes into "The server sent an answer that is not valid JSON (%s)." */
      g_autofree char *detail = g_utf8_make_valid (local_error ? local_error->message
                                                               : _("empty answer"), -1);

      g_set_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                   _("The server sent an answer that is not valid JSON (%s). Try again later."),
                   detail);
      return NULL;
    }

  if (!variete_json_node_is_utf8 (json_parser_get_root (parser)))
    {
      g_set_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                   _("The server sent an answer that is not valid JSON (%s). Try again later."),
                   _("text that is not UTF-8"));
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                   _("The server sent an answer that is not valid JSON (%s). Try again later."),
                   _("empty answer"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * variete_artwork_new_from_bytes:
 * @bytes: the body of an answer
 * @error: return location for a %VARIETE_CLIENT_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (nullable): the artwork, or %NULL if @bytes do not hold one
 */
VarieteArtwork *
variete_artwork_new_from_bytes (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(root = parse_bytes (bytes, error)))
    return NULL;

  return variete_artwork_new_from_json (root, error);
}

/**
 * variete_artwork_list_new_from_bytes:
 * @bytes: the body of an answer to the list request, a bare JSON array
 * @error: return location for a %VARIETE_CLIENT_ERROR_PROTOCOL error
 *
 * Elements that are not usable artworks are skipped, so that one odd record does not hide the
 * whole history.
 *
 * Returns: (transfer full) (element-type VarieteArtwork) (nullable): the artworks in the order
 *   sent, or %NULL if @bytes do not hold an array
 */
GPtrArray *
variete_artwork_list_new_from_bytes (GBytes  *bytes,
                                     GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) artworks = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(root = parse_bytes (bytes, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_PROTOCOL,
                           _("The server sent an answer that is not a list of artworks. "
                             "Try again later."));
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  artworks = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      VarieteArtwork *artwork;

      artwork = variete_artwork_new_from_json (json_array_get_element (array, i), &local_error);
      if (artwork == NULL)
        {
          g_debug ("Skipping artwork %u of the list: %s", i, local_error->message);
          continue;
        }

      g_ptr_array_add (artworks, artwork);
    }

  return g_steal_pointer (&artworks);
}

const char *
variete_artwork_get_id (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), NULL);

  return self->id;
}

/* Returns: (nullable): the artworkType as sent */
const char *
variete_artwork_get_artwork_type (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), NULL);

  return self->artwork_type;
}

VarieteArtworkStatus
variete_artwork_get_status (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), VARIETE_ARTWORK_STATUS_UNKNOWN);

  return self->status;
}

/* Returns: (nullable): the status as sent, also when it is not one we know */
const char *
variete_artwork_get_status_string (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), NULL);

  return self->status_string;
}

/* Returns: (transfer none) (array zero-terminated=1): the result URLs; empty unless the
 * artwork succeeded */
const char * const *
variete_artwork_get_results (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), NULL);

  return (const char * const *)self->results;
}

guint
variete_artwork_get_n_results (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), 0);

  return g_strv_length (self->results);
}

/* Returns: the duration as sent (its unit is undocumented), 0 when absent */
double
variete_artwork_get_duration (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), 0);

  return self->duration;
}

/* Returns: (nullable) (transfer none): when the artwork was created */
GDateTime *
variete_artwork_get_created_at (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), NULL);

  return self->created_at;
}

/* Returns: (nullable) (transfer none): the parameters as the server echoes them */
JsonObject *
variete_artwork_get_parameters (VarieteArtwork *self)
{
  g_return_val_if_fail (VARIETE_IS_ARTWORK (self), NULL);

  return self->parameters;
}

gboolean
variete_artwork_status_is_final (VarieteArtworkStatus status)
{
  return status == VARIETE_ARTWORK_STATUS_SUCCEEDED ||
         status == VARIETE_ARTWORK_STATUS_FAILED ||
         status == VARIETE_ARTWORK_STATUS_CANCELED;
}

/* Returns: the API spelling of @status ("unknown" for %VARIETE_ARTWORK_STATUS_UNKNOWN) */
const char *
variete_artwork_status_to_string (VarieteArtworkStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return status_names[VARIETE_ARTWORK_STATUS_UNKNOWN];

  return status_names[status];
}

/* Returns: the status named @status (in any case), %VARIETE_ARTWORK_STATUS_UNKNOWN if none;
 * "cancelled" is accepted too. */
VarieteArtworkStatus
variete_artwork_status_from_string (const char *status)
{
  if (status == NULL)
    return VARIETE_ARTWORK_STATUS_UNKNOWN;

  for (guint i = VARIETE_ARTWORK_STATUS_STARTING; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_ascii_strcasecmp (status, status_names[i]) == 0)
        return (VarieteArtworkStatus) i;
    }

  if (g_ascii_strcasecmp (status, "cancelled") == 0)
    return VARIETE_ARTWORK_STATUS_CANCELED;

  return VARIETE_ARTWORK_STATUS_UNKNOWN;
}

static gboolean
host_is_well_formed (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  /* An IPv6 literal; zone ids ("fe80::1%eth0") are refused along with anything malformed. */
  if (strchr (host, ':') != NULL)
    return (address = g_inet_address_new_from_string (host)) != NULL;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_' && (guchar) *p < 0x80)
        return FALSE;
    }

  return TRUE;
}

/**
 * variete_uri_parse_web:
 * @url: (nullable): an absolute address
 *
 * Parses @url strictly enough to judge where it leads: no white space or control characters,
 * a host name made of the characters DNS allows (or an IP literal). The scheme is not checked.
 *
 * Returns: (transfer full) (nullable): the parsed address, or %NULL
 */
GUri *
variete_uri_parse_web (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;

  for (const char *p = url; *p != '\0'; p++)
    {
      if ((guchar) *p <= 0x20 || *p == 0x7f)
        return NULL;
    }

  if (!(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return NULL;

  if (!host_is_well_formed (g_uri_get_host (uri)))
    return NULL;

  return g_steal_pointer (&uri);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autofree char *name = g_ascii_strdown (host, -1);
  g_autoptr(GInetAddress) address = NULL;
  gsize len = strlen (name);

  /* "localhost." is the same name as "localhost". */
  if (len > 0 && name[len - 1] == '.')
    name[len - 1] = '\0';

  if (g_str_equal (name, "localhost") || g_str_has_suffix (name, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (name);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
address_is_public (GInetAddress *address)
{
  static const guint8 nat64_prefix[12] = { 0x00, 0x64, 0xff, 0x9b };
  const guint8 *bytes = g_inet_address_to_bytes (address);
  guint8 zeros[10] = { 0 };

  if (g_inet_address_get_is_any (address) ||
      g_inet_address_get_is_loopback (address) ||
      g_inet_address_get_is_link_local (address) ||
      g_inet_address_get_is_site_local (address) ||
      g_inet_address_get_is_multicast (address))
    return FALSE;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      /* 0.0.0.0/8 is "this network", 100.64.0.0/10 the carrier-grade NAT space. */
      return bytes[0] != 0 &&
             bytes[0] != 255 &&
             !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64);
    }

  /* fc00::/7, the unique local addresses. */
  if ((bytes[0] & 0xfe) == 0xfc)
    return FALSE;

  /* IPv4 addresses in IPv6 clothing (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:ab:cd::)
   * are judged by the IPv4 address they reach. */
  if ((memcmp (bytes, zeros, 10) == 0 &&
       ((bytes[10] == 0xff && bytes[11] == 0xff) || (bytes[10] == 0 && bytes[11] == 0))) ||
      memcmp (bytes, nat64_prefix, 12) == 0)
    {
      g_autoptr(GInetAddress) ipv4 = g_inet_address_new_from_bytes (bytes + 12,
                                                                     G_SOCKET_FAMILY_IPV4);
      return address_is_public (ipv4);
    }

  if (bytes[0] == 0x20 && bytes[1] == 0x02)
    {
      g_autoptr(GInetAddress) ipv4 = g_inet_address_new_from_bytes (bytes + 2,
                                                                     G_SOCKET_FAMILY_IPV4);
      return address_is_public (ipv4);
    }

  return TRUE;
}

/**
 * variete_host_is_public:
 * @host: (nullable): a host as GUri gives it: lower or upper case, IPv6 without brackets
 *
 * The rule the API applies to webhooks, shared by the request's validation and the fake server.
 * Names are not resolved: only names that can never be public are refused.
 *
 * Returns: whether @host names a machine on the public internet: not this machine, not a
 *   private, link-local or carrier-grade NAT network, in any IPv4-in-IPv6 spelling
 */
gboolean
variete_host_is_public (const char *host)
{
  static const char * const private_suffixes[] = {
    ".localhost", ".local", ".internal", ".home.arpa",
  };
  g_autofree char *name = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *last_label;
  gsize len;

  if (host == NULL)
    return FALSE;

  name = g_ascii_strdown (host, -1);
  len = strlen (name);
  if (len > 0 && name[len - 1] == '.')
    name[--len] = '\0';

  if (len == 0)
    return FALSE;

  if ((address = g_inet_address_new_from_string (name)))
    return address_is_public (address);

  /* Anything else that looks like an address (zone ids, "127.1", "0x7f000001", "2130706433")
   * is spelled in a way that only some resolvers understand: refuse it. */
  if (strchr (name, ':') != NULL || strchr (name, '%') != NULL)
    return FALSE;

  last_label = strrchr (name, '.');
  last_label = last_label ? last_label + 1 : name;
  if (g_ascii_isdigit (last_label[0]) || g_str_has_prefix (last_label, "0x"))
    return FALSE;

  /* A name without a dot only resolves on a local network. */
  if (strchr (name, '.') == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (private_suffixes); i++)
    {
      if (g_str_has_suffix (name, private_suffixes[i]) ||
          g_str_equal (name, private_suffixes[i] + 1))
        return FALSE;
    }

  return TRUE;
}

/**
 * variete_url_is_loopback:
 * @url: (nullable): an address
 *
 * Returns: whether @url is an http:// or https:// address of this machine (127.0.0.0/8, ::1,
 *   localhost)
 */
gboolean
variete_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = variete_uri_parse_web (url);
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;

  return host_is_loopback (g_uri_get_host (uri));
}

/**
 * variete_url_is_allowed:
 * @url: (nullable): an address the app is about to fetch
 *
 * Returns: whether @url is an https:// address, or an http:// address of this machine (for the
 *   tests and the offline demo); everything else would travel in the clear
 */
gboolean
variete_url_is_allowed (const char *url)
{
  g_autoptr(GUri) uri = variete_uri_parse_web (url);
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri));
}
