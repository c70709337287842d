package rdfparse

// Cache is a small direct-mapped cache keyed by strings. A slot is chosen
// from the key's length and a few of its bytes, so a lookup costs no hash
// of the whole key and at most one comparison; colliding keys replace each
// other. Readers use it to share recurring names, IRIs and boxed terms.
type Cache[V any] struct {
	keys [cacheSlots]string
	vals [cacheSlots]V
	used [cacheSlots]bool
}

const cacheSlots = 512

func cacheSlot[K string | []byte](k K) int {
	n := len(k)
	if n == 0 {
		return 0
	}
	h := uint(n)*131 + uint(k[n-1])*31 + uint(k[n/2])*7 + uint(k[0])
	if n > 2 {
		h += uint(k[n-2])*17 + uint(k[n-3])*257
	}
	return int(h % cacheSlots)
}

// Get returns the value cached for k.
func (c *Cache[V]) Get(k string) (V, bool) {
	i := cacheSlot(k)
	if c.used[i] && c.keys[i] == k {
		return c.vals[i], true
	}
	var zero V
	return zero, false
}

// GetBytes is Get for a byte slice key, without allocating.
func (c *Cache[V]) GetBytes(k []byte) (string, V, bool) {
	i := cacheSlot(k)
	if c.used[i] && c.keys[i] == string(k) {
		return c.keys[i], c.vals[i], true
	}
	var zero V
	return "", zero, false
}

// Put caches v for k.
func (c *Cache[V]) Put(k string, v V) {
	i := cacheSlot(k)
	c.keys[i], c.vals[i], c.used[i] = k, v, true
}
