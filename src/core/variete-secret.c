/* variete-secret.c
 *
 * The API key lives only in the keyring (the Secret portal serves it inside the Flatpak). It is
 * never written to settings or files, and never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "variete-secret.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

#define SERVICE "tengr.ai"

/* VARIETE_API_KEY overrides the keyring, for scripts and tests (DESIGN.md, Interfaces). */
const char *
variete_secret_get_env_key (void)
{
  const char *key = g_getenv ("VARIETE_API_KEY");

  return key != NULL && key[0] != '\0' ? key : NULL;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

/* Returns the stored key, or NULL without an error when there is none. */
void
variete_secret_lookup_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, variete_secret_lookup_async);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "service", SERVICE,
                          NULL);
}

char *
variete_secret_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_autofree char *key = NULL;
  char *secret = g_task_propagate_pointer (G_TASK (result), error);

  /* Hand out plain memory; the secret's own copy is wiped as it is freed. */
  key = g_strdup (secret);
  secret_password_free (secret);

  return g_steal_pointer (&key);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
variete_secret_store_async (const char          *api_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (api_key != NULL && api_key[0] != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_secret_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Tengr.ai API key for Variete"), api_key,
                         cancellable, store_cb, task,
                         "service", SERVICE,
                         NULL);
}

gboolean
variete_secret_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Clearing a key that is not there is not an error: the outcome is the same. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
variete_secret_clear_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, variete_secret_clear_async);
  secret_password_clear (get_schema (), cancellable, clear_cb, task,
                         "service", SERVICE,
                         NULL);
}

gboolean
variete_secret_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
