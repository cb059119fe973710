//go:build unix

package batch

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on path for as long as the process holds it
// (the kernel drops it when the process dies, however it dies).
func lockDir(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("batch: lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("数据目录正被另一个 gongwen 进程使用（%s）；请另选 --data，或用 --nats-url 连到那个进程的 NATS", path)
		}
		return nil, fmt.Errorf("batch: lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}
