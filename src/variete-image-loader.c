/* variete-image-loader.c
 *
 * Image files to textures without stalling the main loop: bytes → pixbuf at display size on a
 * worker thread, then → texture on the caller's thread (as gnome-software's screenshots do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "variete-image-loader.h"

#define READ_CHUNK_SIZE (64 * 1024)
/* Decoding is memory-hungry (a PNG is decoded whole before it is scaled): a long history
 * opening at once decodes a few images at a time, not a hundred. */
#define MAX_DECODERS 4

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int max_size = GPOINTER_TO_INT (user_data);
  double scale;

  if (max_size <= 0 || (width <= max_size && height <= max_size) || width <= 0 || height <= 0)
    return;

  scale = MIN ((double) max_size / width, (double) max_size / height);
  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (int) (width * scale + 0.5)),
                              MAX (1, (int) (height * scale + 0.5)));
}

static void
load_thread (GTask        *task,
             GCancellable *cancellable)
{
  GFile *file = g_task_get_task_data (task);
  int max_size = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "max-size"));
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *buffer = g_malloc (READ_CHUNK_SIZE);
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    GINT_TO_POINTER (max_size));

  if (!(stream = g_file_read (file, cancellable, &error)))
    {
      /* A loader finalized unclosed warns; a saved file may be gone (deleted by hand). */
      gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      gssize n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE,
                                           cancellable, &error);

      if (n_read < 0 || (n_read > 0 && !gdk_pixbuf_loader_write (loader, buffer, n_read, &error)))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (n_read == 0)
        break;
    }

  if (!gdk_pixbuf_loader_close (loader, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The image could not be read");
      return;
    }

  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  g_task_return_pointer (task, g_steal_pointer (&upright), g_object_unref);
}

/* Runs in one of the pool's threads; returning from a GTask there is fine: the callback runs
 * on the caller's main context. */
static void
decode_cb (gpointer data,
           gpointer user_data)
{
  g_autoptr(GTask) task = data;

  if (g_task_return_error_if_cancelled (task))
    return;

  load_thread (task, g_task_get_cancellable (task));
}

static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      int n_threads = CLAMP ((int) g_get_num_processors (), 1, MAX_DECODERS);
      GThreadPool *new_pool = g_thread_pool_new (decode_cb, NULL, n_threads, FALSE, NULL);

      g_once_init_leave (&pool, new_pool);
    }

  return pool;
}

void
variete_image_load_async (GFile               *file,
                          int                  max_size,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, variete_image_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "max-size", GINT_TO_POINTER (max_size));
  g_thread_pool_push (get_pool (), g_steal_pointer (&task), NULL);
}

/* Returns: (transfer full): the texture, or %NULL with @error set */
GdkTexture *
variete_image_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!(pixbuf = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  return gdk_texture_new_for_pixbuf (pixbuf);
}
